package io.omnistock.benchmarks.machine;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Destination;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.routing.SourcingPolicy;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.routing.Routing;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.CommandTranslator;
import io.omnistock.engine.state.StateMachine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sourcing at reservation time over 500 locations: a 2-line reservation whose lines name no location, placed by
 * the routing adapter inside the writer, then released. The network: 20 warehouses (ship only) and 480 stores
 * scattered (seeded) over the continental United States, 2,000 SKUs, each stocked at a seeded 20% of the
 * locations (200,000 positions), one web channel over all 500. Each reservation ships to one of 4,096 seeded
 * destinations and asks for 2 seeded SKUs.
 *
 * <p>{@code policy}: {@code standard} is {@link Routing#standard()} (priority order, first location per line);
 * {@code nearestFewest} is {@link Routing#nearestFewestShipments()} (ranks all 500 by distance, then looks for
 * one location holding both lines). An operation is one command; the reserve carries the sourcing cost, the
 * release is the same as in the other scenarios. Every answer must be a fresh OK ({@link #verify}).
 */
public class SourcingBenchmark extends MachineBenchmark
{
    private static final int LOCATIONS = 500;
    private static final int WAREHOUSES = 20;
    private static final int SKUS = 2_000;
    private static final int SKU_DIGITS = 4;
    private static final double STOCKED_SHARE = 0.2;
    private static final int DRAWS = 4_096;
    private static final long TIME_MS = MachineFixture.TIME_MS;
    private static final String RESERVATION_TEMPLATE = "order-" + IdStamps.COUNTER_PLACEHOLDER;

    /** The routing policy: {@code standard} or {@code nearestFewest}. */
    @Param({"standard", "nearestFewest"})
    public String policy;

    private StateMachine machine;
    private CommandSlot reserve;
    private CommandSlot release;
    private final int[] latitudes = new int[DRAWS];
    private final int[] longitudes = new int[DRAWS];
    private final int[] skus = new int[2 * DRAWS];
    private long counter;
    private long failures;
    private int lastFailure;

    /** Builds the network and the seeded draws. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final SourcingPolicy routing = "standard".equals(policy) ? Routing.standard() : Routing.nearestFewestShipments();
        final EngineConfig config = EngineConfig.defaults().skuCapacity(SKUS).positionCapacity(SKUS * LOCATIONS)
            .idempotencyRetentionMs(0).sourcingPolicy(routing);
        machine = new StateMachine(config);
        final CommandTranslator translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        final CommandSlot setup = new CommandSlot(config.linesPerReservationMax());
        final SplittableRandom random = new SplittableRandom(AccessPattern.SEED);
        final List<String> locations = new ArrayList<>();
        for (int i = 0; i < LOCATIONS; i++)
        {
            final boolean warehouse = i < WAREHOUSES;
            locations.add(String.format(warehouse ? "dc-%03d" : "store-%03d", i));
            apply(translator, setup, new DefineLocation("loc-" + i, locations.get(i),
                warehouse ? LocationType.WAREHOUSE : LocationType.STORE,
                warehouse ? LocationCapability.SHIPS : LocationCapability.ALL, warehouse ? 1 : 2,
                usLatitude(random), usLongitude(random)));
        }
        apply(translator, setup, new DefineChannel("channel-web", MachineFixture.WEB, locations));
        for (int sku = 0; sku < SKUS; sku++)
        {
            apply(translator, setup, new DefineSku("sku-" + sku, skuId(sku)));
            for (int location = 0; location < LOCATIONS; location++)
            {
                if (random.nextDouble() < STOCKED_SHARE)
                {
                    apply(translator, setup, new Receive("rcv-" + sku + "-" + location, skuId(sku), locations.get(location),
                        MachineFixture.UNITS_PER_POSITION));
                }
            }
        }
        for (int i = 0; i < DRAWS; i++)
        {
            latitudes[i] = usLatitude(random);
            longitudes[i] = usLongitude(random);
            skus[2 * i] = random.nextInt(SKUS);
            skus[2 * i + 1] = (skus[2 * i] + 1 + random.nextInt(SKUS - 1)) % SKUS;
        }
        reserve = template(translator, config, new Reserve("reserve-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE,
            MachineFixture.WEB, FulfilmentType.SHIP, MachineFixture.HOLD_MS,
            List.of(ReserveLine.anywhere(skuId(0), 1), ReserveLine.anywhere(skuId(1), 1)), null, new Destination(0, 0)));
        release = template(translator, config, new Release("release-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE));
    }

    private static String skuId(final int sku)
    {
        return String.format("sku-%0" + SKU_DIGITS + "d", sku);
    }

    private static int usLatitude(final SplittableRandom random)
    {
        return 25_000_000 + random.nextInt(24_000_000);
    }

    private static int usLongitude(final SplittableRandom random)
    {
        return -124_000_000 + random.nextInt(57_000_000);
    }

    private void apply(final CommandTranslator translator, final CommandSlot slot, final Command command)
    {
        if (translator.translate(command, TIME_MS, slot) != ReasonCode.OK)
        {
            throw new IllegalStateException("rejected at the boundary: " + command);
        }
        machine.apply(slot);
        if (slot.code != ReasonCode.OK)
        {
            throw new IllegalStateException(command + ": " + ReasonCode.name(slot.code));
        }
    }

    private static CommandSlot template(final CommandTranslator translator, final EngineConfig config, final Command command)
    {
        final CommandSlot slot = new CommandSlot(config.linesPerReservationMax());
        if (translator.translate(command, TIME_MS, slot) != ReasonCode.OK)
        {
            throw new IllegalStateException("rejected at the boundary: " + command);
        }
        return slot;
    }

    /** Reserve 2 sourced lines shipping to a seeded destination, then release the hold. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void reserveSourcedAndRelease()
    {
        final long n = counter++;
        final int draw = (int)(n & (DRAWS - 1));
        IdStamps.stampCounter(reserve.key, n);
        IdStamps.stampCounter(reserve.reference, n);
        IdStamps.stampDecimal(reserve.lineSku[0], skus[2 * draw], SKU_DIGITS);
        IdStamps.stampDecimal(reserve.lineSku[1], skus[2 * draw + 1], SKU_DIGITS);
        reserve.latitudeMicros = latitudes[draw];
        reserve.longitudeMicros = longitudes[draw];
        decide(reserve);
        IdStamps.stampCounter(release.key, n);
        IdStamps.stampCounter(release.reference, n);
        decide(release);
    }

    private void decide(final CommandSlot slot)
    {
        machine.apply(slot);
        if (slot.code != ReasonCode.OK || slot.duplicate)
        {
            failures++;
            lastFailure = slot.code;
        }
    }

    /** Fails the trial unless every command was a fresh OK. */
    @TearDown(Level.Trial)
    public void verify()
    {
        if (failures != 0)
        {
            throw new IllegalStateException(failures + " commands were not a fresh OK; last " + ReasonCode.name(lastFailure));
        }
    }
}
