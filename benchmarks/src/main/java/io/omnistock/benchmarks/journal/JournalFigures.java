package io.omnistock.benchmarks.journal;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Result;
import io.omnistock.api.ReplyListener;
import io.omnistock.benchmarks.DirectMachine;
import io.omnistock.benchmarks.JsonFiles;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.SnapshotCursor;
import io.omnistock.engine.state.StateMachine;
import io.omnistock.journal.ChronicleJournal;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.Durability;
import io.omnistock.journal.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Measures the journal's figures for BENCHMARKS.md, in one run on this machine: append throughput through the
 * whole pipeline per durability mode, replay rate, recovery of a large journal, and snapshot pause, write and
 * load for one million positions, and, first of all, the device's own sync time for appended bytes
 * ({@link #deviceSync}). Prints one line per figure and, when a fourth argument names a file, writes
 * them all there as JSON ({@link JournalFiguresResult}). The pipelines are measured after a throwaway in-memory
 * run of a quarter as many commands, which compiles the path: without it the first mode measured (in-memory) also
 * paid for the JIT and came out slower than the async journal.
 *
 * <p>Run: {@code java $(cat .mvn/jvm.config) -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar
 * io.omnistock.benchmarks.journal.JournalFigures [workDir] [pipelineCommands] [recoveryEvents] [jsonFile]}
 * (defaults {@code target/journal-figures}, 1,000,000 and 10,000,000, no JSON).
 *
 * <p>Threading: the main thread, two producer threads per pipeline run. Allocates freely; it is a tool.
 */
public final class JournalFigures
{
    private static final int SKUS = 100_000;
    private static final int LOCATIONS = 10;
    private static final long START_MS = 1_767_225_600_000L;
    /**
     * Bytes appended before each sync of the device probe: a small group (most syncs then rewrite a page already
     * allocated, the cheapest sync there is), and a whole fresh page (each sync allocates its page).
     */
    static final int[] SYNC_PROBE_BYTES = {256, 4096};
    /** Syncs measured per size by the device probe, after {@link #SYNC_PROBE_WARM_UP} not measured. */
    static final int SYNC_PROBE_SYNCS = 1000;
    private static final int SYNC_PROBE_WARM_UP = 100;
    private static final int PAGE_BYTES = 4096;

    private JournalFigures()
    {
    }

    /**
     * @param args work directory, commands per pipeline run, events for the recovery run, JSON output file.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path work = Path.of(args.length > 0 ? args[0] : "target/journal-figures");
        final int pipelineCommands = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final int recoveryEvents = args.length > 2 ? Integer.parseInt(args[2]) : 10_000_000;
        delete(work);
        final String machine = String.format("%d cores, JDK %s, heap %d MiB",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("machine: " + machine);
        // first, while no journal of this run is left for the kernel to write back
        final List<JournalFiguresResult.DeviceSync> deviceSyncs = new ArrayList<>();
        for (final int bytes : SYNC_PROBE_BYTES)
        {
            deviceSyncs.add(deviceSync(work.resolve("device-sync"), bytes));
        }

        // a throwaway run first, so that the first measured pipeline does not also pay for compiling the path
        System.out.println("warm-up, not reported:");
        pipeline(work.resolve("pipeline-warm-up"), Durability.IN_MEMORY, Math.max(1, pipelineCommands / 4));
        final List<JournalFiguresResult.Pipeline> pipelines = new ArrayList<>();
        for (final Durability durability : new Durability[] {Durability.IN_MEMORY, Durability.ASYNC, Durability.SYNC})
        {
            pipelines.add(pipeline(work.resolve("pipeline-" + durability), durability, durability == Durability.SYNC ?
                pipelineCommands / 4 : pipelineCommands));
        }
        final JournalFiguresResult result = new JournalFiguresResult(machine, pipelines,
            recovery(work.resolve("recovery"), recoveryEvents), snapshot(work.resolve("snapshot")), deviceSyncs);
        delete(work);
        if (args.length > 3)
        {
            JsonFiles.write(Path.of(args[3]), result);
            System.out.println("written: " + args[3]);
        }
    }

    private static EngineConfig config()
    {
        return EngineConfig.defaults().skuCapacity(SKUS).locationCapacity(16).positionCapacity(SKUS * LOCATIONS)
            .idempotencyRetentionMs(0).timerIntervalMs(0).clockMs(() -> START_MS);
    }

    /** Receipts through the whole pipeline from two producer threads, zero-allocation send path. */
    private static JournalFiguresResult.Pipeline pipeline(
        final Path directory, final Durability durability, final int commands)
        throws Exception
    {
        final int producers = 2;
        try (OmnistockEngine engine = DurableEngine.open(directory, durability, config()))
        {
            define(engine);
            final Command[][] batches = new Command[producers][commands / producers];
            for (int p = 0; p < producers; p++)
            {
                for (int i = 0; i < batches[p].length; i++)
                {
                    batches[p][i] = new Receive("r" + p + "-" + i, sku((i * 7 + p) % SKUS), location(i % LOCATIONS), 1);
                }
            }
            final CountDownLatch answered = new CountDownLatch(commands / producers * producers);
            final ReplyListener listener = (correlationId, reply) -> answered.countDown();
            final List<Thread> threads = new ArrayList<>();
            final long startNs = System.nanoTime();
            for (int p = 0; p < producers; p++)
            {
                final Command[] batch = batches[p];
                final Thread thread = new Thread(() ->
                {
                    for (int i = 0; i < batch.length; i++)
                    {
                        if (engine.send(batch[i], i, listener, true) != ReasonCode.OK)
                        {
                            throw new IllegalStateException("refused");
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            answered.await();
            final long elapsedNs = System.nanoTime() - startNs;
            final long answeredCount = commands / producers * producers;
            System.out.printf("pipeline %-9s %,d commands answered in %,d ms: %,.0f commands/s%n", durability,
                answeredCount, elapsedNs / 1_000_000, answeredCount * 1e9 / elapsedNs);
            return new JournalFiguresResult.Pipeline(durability.name(), answeredCount, answeredCount * 1e9 / elapsedNs);
        }
    }

    /** A large journal written directly (state machine + Chronicle, no ring), then recovered from scratch. */
    private static JournalFiguresResult.Recovery recovery(final Path directory, final int events) throws Exception
    {
        final EngineConfig config = config();
        final DirectMachine direct = new DirectMachine(config, START_MS);
        final StateMachine machine = direct.machine();
        final long writeStartNs = System.nanoTime();
        try (ChronicleJournal journal = ChronicleJournal.open(directory.resolve(DurableEngine.EVENTS), Durability.ASYNC))
        {
            for (final Command command : definitions())
            {
                append(journal, direct.apply(command));
            }
            final Receive[] receipts = new Receive[4096];
            for (int i = 0; machine.sequence() < events; i++)
            {
                final int r = i % receipts.length;
                receipts[r] = new Receive("k" + i, sku(i % SKUS), location((i / SKUS) % LOCATIONS), 1);
                append(journal, direct.apply(receipts[r]));
            }
        }
        final long writeNs = System.nanoTime() - writeStartNs;
        System.out.printf("journal   direct    %,d events written in %,d ms: %,.0f events/s (state machine + append)%n",
            machine.sequence(), writeNs / 1_000_000, machine.sequence() * 1e9 / writeNs);

        final int runs = 3;
        final List<Double> recoverySeconds = new ArrayList<>();
        final List<Double> allocateSeconds = new ArrayList<>();
        final double[] replayRates = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            final long startNs = System.nanoTime();
            final StateMachine empty = new StateMachine(config);
            final long allocatedNs = System.nanoTime();
            final StateMachine recovered = DurableEngine.replayTail(directory.resolve(DurableEngine.EVENTS), empty);
            final long endNs = System.nanoTime();
            if (recovered.stateHash() != machine.stateHash())
            {
                throw new IllegalStateException("recovered state differs");
            }
            replayRates[run] = recovered.sequence() * 1e9 / (endNs - allocatedNs);
            System.out.printf("recovery  run %d     %,d events recovered in %,d ms: empty machine allocated in %,d ms, " +
                "then %,.0f events/s replayed (hash matches)%n", run, recovered.sequence(), (endNs - startNs) / 1_000_000,
                (allocatedNs - startNs) / 1_000_000, replayRates[run]);
            recoverySeconds.add((endNs - startNs) / 1e9);
            allocateSeconds.add((allocatedNs - startNs) / 1e9);
        }
        Arrays.sort(replayRates);
        return new JournalFiguresResult.Recovery(machine.sequence(), machine.sequence() * 1e9 / writeNs, recoverySeconds,
            allocateSeconds, replayRates[runs / 2]);
    }

    /** One million positions: the pause to copy them, the file write, the load. */
    private static JournalFiguresResult.Snapshot snapshot(final Path directory)
    {
        final EngineConfig config = config();
        final DirectMachine direct = new DirectMachine(config, START_MS);
        final StateMachine machine = direct.machine();
        definitions().forEach(direct::apply);
        for (int p = 0; p < SKUS * LOCATIONS; p++)
        {
            direct.apply(new Receive("s" + p, sku(p / LOCATIONS), location(p % LOCATIONS), 100));
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 27);
        final long[] pauses = new long[7];
        int length = 0;
        for (int run = 0; run < pauses.length; run++)
        {
            final SnapshotCursor cursor = new SnapshotCursor(buffer, 0);
            final long startNs = System.nanoTime();
            machine.writeSnapshot(cursor);
            pauses[run] = System.nanoTime() - startNs;
            length = cursor.position();
        }
        Arrays.sort(pauses);
        System.out.printf("snapshot  %,d positions, %,d bytes: writer pause median %,d ms (min %,d, max %,d, %d runs)%n",
            machine.positionCount(), length, pauses[pauses.length / 2] / 1_000_000, pauses[0] / 1_000_000,
            pauses[pauses.length - 1] / 1_000_000, pauses.length);
        final SnapshotStore store = new SnapshotStore(directory);
        long startNs = System.nanoTime();
        store.write(machine.sequence(), buffer, length);
        final long writeNs = System.nanoTime() - startNs;
        System.out.printf("snapshot  file written and synced in %,d ms%n", writeNs / 1_000_000);
        startNs = System.nanoTime();
        final SnapshotStore.Loaded loaded = store.loadNewest(config, Long.MAX_VALUE);
        final long loadNs = System.nanoTime() - startNs;
        if (loaded == null || loaded.machine().stateHash() != machine.stateHash())
        {
            throw new IllegalStateException("snapshot did not load to the same state");
        }
        System.out.printf("snapshot  loaded (read, checked, rebuilt) in %,d ms (hash matches)%n", loadNs / 1_000_000);
        return new JournalFiguresResult.Snapshot(machine.positionCount(), length, pauses[pauses.length / 2] / 1e6,
            pauses[0] / 1e6, pauses[pauses.length - 1] / 1e6, writeNs / 1e6, loadNs / 1e6);
    }

    /**
     * Appends one command's events as a batch of its own: one document per command, the shape an ASYNC journal
     * has under light load and the slowest to replay (under load the engine gathers up to
     * {@code OmnistockEngine.ASYNC_GROUP_MAX} commands per document).
     */
    private static void append(final ChronicleJournal journal, final CommandSlot slot)
    {
        if (slot.eventsLength > 0)
        {
            journal.append(slot.events, slot.eventsLength, slot.eventCount);
            journal.endOfBatch();
        }
    }

    private static List<Command> definitions()
    {
        final List<Command> commands = new ArrayList<>();
        for (int s = 0; s < SKUS; s++)
        {
            commands.add(new DefineSku("ds" + s, sku(s)));
        }
        final List<String> locations = new ArrayList<>();
        for (int l = 0; l < LOCATIONS; l++)
        {
            commands.add(new DefineLocation("dl" + l, location(l), LocationType.STORE, LocationCapability.ALL, l, 0, 0));
            locations.add(location(l));
        }
        commands.add(new DefineChannel("dc", "web", locations));
        return commands;
    }

    /** Sends every definition before waiting for any answer, so the set-up does not pay a round trip each. */
    private static void define(final OmnistockEngine engine)
    {
        final List<CompletableFuture<Result>> answers = new ArrayList<>();
        for (final Command command : definitions())
        {
            answers.add(engine.submit(command));
        }
        for (final CompletableFuture<Result> answer : answers)
        {
            if (!answer.join().isOk())
            {
                throw new IllegalStateException("definition refused: " + answer.join());
            }
        }
    }

    private static String sku(final int index)
    {
        return "sku-" + index;
    }

    private static String location(final int index)
    {
        return "loc-" + index;
    }

    /**
     * The device's sync time for appended bytes, as a synced journal pays it: appends {@code bytes} at a time to a
     * file mapped into memory and grown sparse, as Chronicle Queue grows its cycle files, and syncs each append
     * ({@link MappedByteBuffer#force(int, int)} of the pages it touched, an {@code msync}, as the journal's group
     * commit does), {@value #SYNC_PROBE_SYNCS} times after {@value #SYNC_PROBE_WARM_UP} not measured, nothing else
     * of this tool running. Small appends mostly rewrite a page an earlier sync already allocated; whole-page
     * appends allocate one each, which costs the file system more. A system that answers a command only once it is
     * synced, and syncs one group of commands at a time, answers at most (commands in flight) / (sync time)
     * commands per second on this device, whatever it does between syncs.
     *
     * @param directory where the probe's file goes; created if absent.
     * @param bytes     bytes appended before each sync, {@code 1..}{@value #PAGE_BYTES}.
     * @return the sync times.
     * @throws IOException when the file cannot be written or synced.
     */
    static JournalFiguresResult.DeviceSync deviceSync(final Path directory, final int bytes) throws IOException
    {
        Files.createDirectories(directory);
        final Path file = directory.resolve("sync-probe");
        Files.deleteIfExists(file);
        final int appends = SYNC_PROBE_WARM_UP + SYNC_PROBE_SYNCS;
        final long[] nanos = new long[SYNC_PROBE_SYNCS];
        final byte[] group = new byte[bytes];
        Arrays.fill(group, (byte)'j');
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped =
                channel.map(FileChannel.MapMode.READ_WRITE, 0, (long)appends * bytes + PAGE_BYTES);
            for (int i = 0; i < appends; i++)
            {
                final int at = i * bytes;
                mapped.put(at, group);
                final int firstPage = at - at % PAGE_BYTES;
                final long start = System.nanoTime();
                mapped.force(firstPage, at + bytes - firstPage);
                final long elapsed = System.nanoTime() - start;
                if (i >= SYNC_PROBE_WARM_UP)
                {
                    nanos[i - SYNC_PROBE_WARM_UP] = elapsed;
                }
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        final JournalFiguresResult.DeviceSync result = new JournalFiguresResult.DeviceSync(bytes, SYNC_PROBE_SYNCS,
            nanos[nanos.length / 2] / 1e3, Arrays.stream(nanos).average().orElse(0) / 1e3,
            nanos[(int)Math.ceil(0.99 * nanos.length) - 1] / 1e3, nanos[nanos.length - 1] / 1e3);
        System.out.printf("device sync of %,d appended bytes (msync), %,d syncs: p50 %.1f us, mean %.1f us, " +
            "p99 %.1f us, max %.1f us%n", result.bytes(), result.syncs(), result.p50Micros(), result.meanMicros(),
            result.p99Micros(), result.maxMicros());
        return result;
    }

    private static void delete(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(file);
            }
        }
    }
}
