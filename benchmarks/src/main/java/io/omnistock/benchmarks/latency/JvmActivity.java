package io.omnistock.benchmarks.latency;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much time this JVM has spent compiling (the JIT) and collecting garbage so far, read from its management
 * beans: two of the things that take a core from the engine's threads, on a small machine, while latency is
 * measured. The difference of two readings says what happened between them.
 *
 * @param compileMillis total JIT compilation time, or -1 when the JVM does not report it.
 * @param gcMillis      total collection time over every collector (pauses and, for some collectors, concurrent
 *                      work), or -1 when none reports it.
 */
public record JvmActivity(long compileMillis, long gcMillis)
{
    /** @return the totals now. */
    public static JvmActivity now()
    {
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final long compile = compiler != null && compiler.isCompilationTimeMonitoringSupported() ?
            compiler.getTotalCompilationTime() : -1;
        long gc = -1;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            final long time = collector.getCollectionTime();
            if (time >= 0)
            {
                gc = Math.max(gc, 0) + time;
            }
        }
        return new JvmActivity(compile, gc);
    }

    /**
     * @param earlier a reading taken before this one.
     * @return what happened between the two; -1 for a figure either reading lacks.
     */
    public JvmActivity since(final JvmActivity earlier)
    {
        return new JvmActivity(difference(compileMillis, earlier.compileMillis), difference(gcMillis, earlier.gcMillis));
    }

    private static long difference(final long later, final long earlier)
    {
        return later < 0 || earlier < 0 ? -1 : later - earlier;
    }
}
