package io.omnistock.benchmarks.latency;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.InventoryEngine;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.ReplyListener;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.engine.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open-loop harness's load: single-line reservations of 1 unit at a uniformly drawn position, each released
 * {@code openHolds} reservations later, alternating (reserve, release, reserve, ...), like the JMH
 * reserve/release scenarios but through the whole pipeline. Commands are built once, before the run, in a pool of
 * {@code pairs} reserve/release pairs reused round robin, so sending allocates nothing.
 *
 * <p>Reusing a command is safe because the engine has forgotten it by then: {@link #config} sizes the idempotency
 * table at {@code pairs} keys with zero retention (a key is forgotten after {@code pairs} newer ones, half a
 * round), and the reservation table at {@code pairs / 2} (a released reservation's key is recycled within that
 * many reservations). Every command therefore does the full work of a fresh one.
 * <pre>
 *   SKUs       10,000                  sku-00000 .. sku-09999
 *   locations  dc-00, dc-01 (warehouses), store-02 .. store-09; channel "web" sees all 10
 *   positions  100,000, each received with 2^40 units (stock never runs out)
 * </pre>
 * <p>Threading: {@link #load} and {@link #send} on one thread (the sender). Allocation: the pool (about 300 bytes
 * per pair) and the catalog when loading; nothing per {@link #send}.
 */
public final class ReserveReleaseLoad implements OpenLoopSender.Target
{
    /** SKUs defined. */
    public static final int SKU_COUNT = 10_000;
    /** Locations defined: 2 warehouses, then 8 stores. */
    public static final int LOCATION_COUNT = 10;
    /** Positions: every SKU at every location. */
    public static final int POSITION_COUNT = SKU_COUNT * LOCATION_COUNT;
    /** The default pool size. */
    public static final int PAIRS_DEFAULT = 1 << 16;
    /** The smallest pool. */
    public static final int PAIRS_MIN = 1 << 10;

    private static final int WAREHOUSE_COUNT = 2;
    private static final long UNITS_PER_POSITION = 1L << 40;
    private static final long HOLD_MS = TimeUnit.MINUTES.toMillis(15);
    private static final String CHANNEL = "web";

    private final Reserve[] reserves;
    private final Release[] releases;
    private final int mask;
    private final int openHolds;
    private InventoryEngine engine;
    private ReplyListener listener;
    private long reservesSent;
    private long releasesSent;

    /**
     * @param pairs reserve/release pairs in the pool, a power of 2, at least {@value #PAIRS_MIN}; the engine must
     *              be configured by {@link #config} with the same number.
     * @param seed  seeds the positions reserved.
     */
    public ReserveReleaseLoad(final int pairs, final long seed)
    {
        checkPairs(pairs);
        reserves = new Reserve[pairs];
        releases = new Release[pairs];
        mask = pairs - 1;
        openHolds = pairs / 64;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int pair = 0; pair < pairs; pair++)
        {
            final int position = random.nextInt(POSITION_COUNT);
            reserves[pair] = Reserve.of("hold-" + pair, "cart-" + pair, CHANNEL, FulfilmentType.SHIP, HOLD_MS,
                ReserveLine.at(skuId(position / LOCATION_COUNT), locationId(position % LOCATION_COUNT), 1));
            releases[pair] = new Release("drop-" + pair, "cart-" + pair);
        }
    }

    /**
     * The engine configuration this load needs.
     *
     * @param pairs        the pool size, as given to the constructor.
     * @param waitStrategy how the pipeline threads wait.
     * @return a fresh configuration.
     */
    public static EngineConfig config(final int pairs, final EngineConfig.WaitStrategy waitStrategy)
    {
        checkPairs(pairs);
        return EngineConfig.defaults()
            .skuCapacity(SKU_COUNT)
            .locationCapacity(16)
            .positionCapacity(POSITION_COUNT)
            .reservationCapacity(pairs / 2)
            .idempotencyCapacity(pairs)
            .idempotencyRetentionMs(0)
            .waitStrategy(waitStrategy);
    }

    /** @return the reservations held open between a reserve and its release. */
    public int openHolds()
    {
        return openHolds;
    }

    /**
     * Defines the catalog, receives the stock and opens the first {@link #openHolds()} holds, waiting for each
     * answer; from then on {@link #send} drives {@code engine} and answers go to {@code replies}.
     *
     * @param target  a fresh engine configured by {@link #config}.
     * @param replies receives the answers of {@link #send}.
     * @throws IllegalStateException when the engine refuses a set-up command.
     */
    public void load(final InventoryEngine target, final ReplyListener replies)
    {
        engine = target;
        listener = replies;
        final List<Command> commands = new ArrayList<>();
        final List<String> locations = new ArrayList<>();
        for (int location = 0; location < LOCATION_COUNT; location++)
        {
            final boolean warehouse = location < WAREHOUSE_COUNT;
            locations.add(locationId(location));
            commands.add(new DefineLocation("define-" + locationId(location), locationId(location),
                warehouse ? LocationType.WAREHOUSE : LocationType.STORE,
                warehouse ? LocationCapability.SHIPS | LocationCapability.RETURNS : LocationCapability.ALL, 1, 0, 0));
        }
        commands.add(new DefineChannel("define-" + CHANNEL, CHANNEL, locations));
        for (int sku = 0; sku < SKU_COUNT; sku++)
        {
            commands.add(new DefineSku("define-" + skuId(sku), skuId(sku)));
        }
        for (int position = 0; position < POSITION_COUNT; position++)
        {
            commands.add(new Receive("stock-" + position, skuId(position / LOCATION_COUNT),
                locationId(position % LOCATION_COUNT), UNITS_PER_POSITION));
        }
        commands.addAll(List.of(reserves).subList(0, openHolds));
        submitAll(commands);
        reservesSent = openHolds;
        releasesSent = 0;
    }

    /**
     * Sends the next release if {@link #openHolds()} holds are open, else the next reserve. A command the engine
     * does not accept (a full ring) is the one sent by the next call (the {@link OpenLoopSender} offers it again
     * under the same index), so the engine sees the same command sequence however often the ring is full.
     */
    @Override
    public int send(final long index)
    {
        final boolean release = reservesSent - releasesSent > openHolds;
        final Command command = release ? releases[(int)(releasesSent & mask)] : reserves[(int)(reservesSent & mask)];
        final int code = engine.send(command, index, listener, false);
        if (code == ReasonCode.OK)
        {
            if (release)
            {
                releasesSent++;
            }
            else
            {
                reservesSent++;
            }
        }
        return code;
    }

    private void submitAll(final List<Command> commands)
    {
        final List<CompletableFuture<Result>> answers = new ArrayList<>(commands.size());
        for (final Command command : commands)
        {
            answers.add(engine.submit(command));
        }
        for (int i = 0; i < answers.size(); i++)
        {
            final Result result = answers.get(i).join();
            if (!result.isOk())
            {
                throw new IllegalStateException(commands.get(i) + " refused while loading: " + result);
            }
        }
    }

    private static void checkPairs(final int pairs)
    {
        if (pairs < PAIRS_MIN || Integer.bitCount(pairs) != 1)
        {
            throw new IllegalArgumentException("pairs must be a power of 2, at least " + PAIRS_MIN + ": " + pairs);
        }
    }

    private static String skuId(final int sku)
    {
        return String.format("sku-%05d", sku);
    }

    private static String locationId(final int location)
    {
        return String.format(location < WAREHOUSE_COUNT ? "dc-%02d" : "store-%02d", location);
    }
}
