package io.omnistock.journal;

import io.omnistock.engine.state.StateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety: a child JVM runs the engine under load ({@link CrashWorker}) and is killed with SIGKILL at a random
 * moment, again and again on the same directory. After every kill: every reservation whose caller was answered is
 * in the recovered state, every invariant holds (so nothing was oversold), and the recovered state hash equals a
 * second, independent replay of the same journal.
 *
 * <p>The normal build runs a few kills per durability mode; {@code -Pcrash-loop} (see the README) runs hundreds
 * ({@code -Domnistock.crash.iterations=N}).
 */
@Timeout(value = 3, unit = TimeUnit.HOURS)
class CrashRecoveryTest
{
    private static final int ITERATIONS = Integer.getInteger("omnistock.crash.iterations", 3);

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAnsweredReservationThroughKillsInAsyncMode() throws Exception
    {
        killLoop(Durability.ASYNC, 0xA5);
    }

    @Test
    void shouldKeepEveryAnsweredReservationThroughKillsInSyncMode() throws Exception
    {
        killLoop(Durability.SYNC, 0x5A);
    }

    private void killLoop(final Durability durability, final long seed) throws Exception
    {
        final Path data = dir.resolve(durability.name());
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < ITERATIONS; i++)
        {
            final Set<String> acks = new HashSet<>();
            runAndKill(data, durability, "run" + i, 100 + random.nextInt(900), acks);
            assertTrue(!acks.isEmpty(), "iteration " + i + " got load through before the kill");
            if (acknowledged.size() + acks.size() > CrashWorker.RESERVATIONS / 2)
            {
                // finished reservations are retained until their records are recycled: keep checking recent runs only
                acknowledged.clear();
            }
            acknowledged.addAll(acks);

            final StateMachine recovered = DurableEngine.recoverDirectory(data, CrashWorker.config());
            final StateMachine again = DurableEngine.recover(data.resolve(DurableEngine.EVENTS), CrashWorker.config());
            assertNull(recovered.verifyInvariants(), "invariants after kill " + i);
            assertEquals(recovered.stateHash(), again.stateHash(),
                "snapshot + tail recovery equals a clean replay of the whole journal after kill " + i);
            for (final String reservation : acknowledged)
            {
                assertNotNull(recovered.reservation(reservation), "answered reservation " + reservation +
                    " lost after kill " + i);
            }
            System.out.printf("%s kill %d: %d reservations answered in this run, %d events recovered, %d snapshots%n",
                durability, i, acks.size(), recovered.sequence(),
                new SnapshotStore(data.resolve(DurableEngine.SNAPSHOTS)).snapshotsNewestFirst().size());
            for (int p = 0; p < recovered.positionCount(); p++)
            {
                assertTrue(recovered.positionAt(p).available() >= 0, "no oversell: " + recovered.positionAt(p));
            }
        }
        assertTrue(!new SnapshotStore(data.resolve(DurableEngine.SNAPSHOTS)).snapshotsNewestFirst().isEmpty(),
            "the worker snapshots itself, so recovery went through snapshot + tail");
    }

    /** Starts the worker, lets it run for a while under load, kills it with SIGKILL, collects its ACKs. */
    private static void runAndKill(
        final Path data, final Durability durability, final String run, final long runForMs, final Set<String> acks)
        throws IOException, InterruptedException
    {
        final List<String> command = TornRecordTest.javaCommand(CrashWorker.class, data.toString(), durability.name(), run);
        final Path errors = data.resolveSibling(run + "-" + durability + ".err");
        final Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        final List<String> lines = new ArrayList<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    synchronized (lines)
                    {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            }
            catch (final IOException ignored)
            {
                // the pipe closes when the process dies
            }
        });
        reader.start();
        synchronized (lines)
        {
            final long giveUp = System.currentTimeMillis() + 60_000;
            while (!lines.contains("READY") && process.isAlive() && System.currentTimeMillis() < giveUp)
            {
                lines.wait(100);
            }
        }
        assertTrue(process.isAlive(), () -> "worker " + run + " died before the kill: " + lines + " " + read(errors));
        awaitFirstAck(lines, process);
        assertTrue(process.isAlive(), () -> "worker " + run + " died before its first answer: " + lines + " " + read(errors));
        Thread.sleep(runForMs);
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "worker " + run + " did not die");
        reader.join(30_000);
        for (final String line : lines)
        {
            if (line.startsWith("ACK "))
            {
                acks.add(line.substring(4));
            }
        }
    }

    /**
     * Waits (up to 30 s) until the worker has been answered once, so that a kill on a loaded machine still lands
     * under load rather than before the first reply; the kill moment after it stays random.
     */
    private static void awaitFirstAck(final List<String> lines, final Process process) throws InterruptedException
    {
        synchronized (lines)
        {
            final long giveUp = System.currentTimeMillis() + 30_000;
            while (lines.stream().noneMatch(line -> line.startsWith("ACK ")) && process.isAlive() &&
                System.currentTimeMillis() < giveUp)
            {
                lines.wait(100);
            }
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
