package io.omnistock.benchmarks.machine;

import io.omnistock.engine.state.AsciiKey;
import io.omnistock.engine.state.StateMachine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;


/**
 * Scenario 6: available-to-promise of one SKU for one channel, the read a product page or a marketplace feed
 * makes. SKUs drawn uniformly from the 100,000 and channels uniformly from web, app and pos, from seeded,
 * precomputed sequences. One operation is one read. The engine keeps every channel's ATP per SKU up to date as
 * it decides, so a read is O(1) whatever the number of locations.
 *
 * <p>{@link #byIndex()} is the state machine's read with dense indexes (what a host that caches indexes pays);
 * {@link #byId()} adds resolving the SKU and channel ids, as the engine's public read does (its optimistic lock
 * belongs to the pipeline and is not measured here). The SKU id is written in place into one reused buffer, as
 * a fresh request would hold it in cache; that rewrite also hashes it once, a few nanoseconds a host would not
 * spend. Neither allocates.
 */
public class AtpQueryBenchmark extends MachineBenchmark
{
    private final AsciiKey skuId = new AsciiKey();
    private StateMachine machine;
    private int[] skus;
    private int[] channels;
    private int next;

    /** Builds the engine and the two access sequences. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MachineFixture fixture = new MachineFixture();
        machine = fixture.machine;
        skuId.set(fixture.skuIds[0]);
        skus = AccessPattern.UNIFORM.sequence(MachineFixture.SKU_COUNT, 1, AccessPattern.SEED);
        channels = AccessPattern.UNIFORM.sequence(MachineFixture.CHANNELS.length, 1, AccessPattern.SEED + 1);
        for (int channel = 0; channel < MachineFixture.CHANNELS.length; channel++)
        {
            if (machine.channelIndexOf(MachineFixture.CHANNELS[channel]) != channel)
            {
                throw new IllegalStateException(MachineFixture.CHANNELS[channel] + " is not channel " + channel);
            }
        }
    }

    /** @return the ATP of the next SKU for the next channel, by index. */
    @Benchmark
    public long byIndex()
    {
        final int i = next++ & AccessPattern.SEQUENCE_MASK;
        return machine.availableToPromise(skus[i], channels[i]);
    }

    /** @return the ATP of the next SKU for the next channel, resolving both ids first. */
    @Benchmark
    public long byId()
    {
        final int i = next++ & AccessPattern.SEQUENCE_MASK;
        IdStamps.stampDecimal(skuId, skus[i], MachineFixture.SKU_ID_DIGITS);
        final int sku = machine.skuIndexOf(skuId);
        final int channel = machine.channelIndexOf(MachineFixture.CHANNELS[channels[i]]);
        return sku < 0 || channel < 0 ? 0 : machine.availableToPromise(sku, channel);
    }
}
