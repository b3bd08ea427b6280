package io.omnistock.benchmarks.machine;

/**
 * The JVM options of every forked state-machine benchmark JVM, as constants that {@code @Fork(jvmArgsAppend)}
 * can name. A fixed heap (minimum equal to maximum, pre-touched) so that heap sizing never moves a figure; G1
 * pinned so that a machine with fewer cores or less memory does not silently pick another collector.
 *
 * <p>Of the omnistock JVM flags (the {@code omnistock.jvm.flags} property of the root pom, explained in
 * {@code docs/jvm-flags.md}) the state machine needs only Agrona's: its event buffers reach
 * {@code jdk.internal.misc.Unsafe}. The Chronicle flags matter only to the journal, which these benchmarks do
 * not load. Flags given to the launching {@code java} are inherited by the forks as well.
 */
final class ForkOptions
{
    /** Initial heap, equal to the maximum. */
    static final String HEAP_MIN = "-Xms2g";
    /** Maximum heap: about ten times what the 1M-position fixture and its access sequences need. */
    static final String HEAP_MAX = "-Xmx2g";
    /** Commit and touch the whole heap at start-up, not during a measurement. */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /** The collector, pinned. */
    static final String GC = "-XX:+UseG1GC";
    /**
     * Back the heap with transparent huge pages where the kernel offers them (a no-op elsewhere): the fixture's
     * tables are read at random, and with 4 KiB pages nearly every lookup also misses the TLB. Tuning an
     * embedder can apply too (docs/jvm-flags.md); the benchmark scripts give it to every JVM they start.
     */
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    /** Agrona 2.x links to {@code jdk.internal.misc.Unsafe} (see docs/jvm-flags.md). */
    static final String AGRONA_UNSAFE = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private ForkOptions()
    {
    }
}
