package io.omnistock.engine;

import io.omnistock.api.EventListener;
import io.omnistock.api.pricing.PricingPolicy;
import io.omnistock.api.routing.SourcingPolicy;
import io.omnistock.engine.pricing.Pricing;
import io.omnistock.engine.routing.Routing;
import io.omnistock.engine.state.KeyIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Fluent configuration of an engine: capacities of the state machine (its tables are preallocated from them,
 * and running out of one is a typed rejection) and settings of the pipeline around it. Some per-position and
 * per-SKU structures are allocated on first use instead, so the heap must leave room for them: units expected by
 * receipts (8 bytes per position, in chunks of 32 KiB for 4,096 positions), the cold buckets (safety stock,
 * damaged, quarantined, in transit: 32 bytes per position, in chunks of 128 KiB for 4,096 positions, allocated where
 * any position of the range has one), the SKUs' ids (their length plus 5 bytes each, in chunks of 64 KiB) and each
 * SKU's channel ATP row (see below). Accessors without {@code get}, setters return {@code this}. Validated when the
 * engine is built: a bad value fails fast with an {@link IllegalArgumentException} naming it.
 *
 * <p>Memory is roughly: 38 bytes per position (its 32-byte record and its index slot; 8 more for positions whose
 * range of 4,096 has expected receipts, 32 more for those whose range has safety stock, damaged, quarantined or
 * in-transit units), {@code 32 * linesPerReservationMax + 150} bytes per reservation, 140 to 155 bytes per
 * idempotency key (its 64-byte key, its 48-byte remembered outcome, its table slots), and per SKU about 80 bytes
 * plus twice its id's length (the id is kept twice: packed for lookups and as a {@code String} for readers; its
 * table slots, its price) plus 8 bytes for each channel defined so far, the count rounded up to a power of two or to
 * {@code channelCapacity} if less (the row grows when a channel is defined), 20 with stock thresholds on.
 */
public final class EngineConfig
{
    /** How the pipeline's threads wait for work. */
    public enum WaitStrategy
    {
        /**
         * A thread with nothing to do blocks on a monitor, and a publisher signals only when a thread is actually
         * blocked; a stage waiting for an earlier stage to finish commands already in the ring spins briefly, then
         * yields, then parks. Lowest CPU use, microseconds of wake-up latency. Right for shared or small machines
         * (the Disruptor's own blocking strategy busy-spins in the second case, which starves the writer on two cores).
         */
        BLOCKING,
        /** Spin, then yield, then park briefly: low latency, moderate CPU when idle. */
        SLEEPING,
        /** Spin and yield: low latency, burns a core per waiting thread. Needs spare cores. */
        YIELDING,
        /** Busy spin: lowest latency, a whole core per waiting thread. Only with dedicated, isolated cores. */
        BUSY_SPIN
    }

    /** System property with the default {@link #ringSize()}. */
    public static final String RING_SIZE_PROP_NAME = "omnistock.ring.size";
    /** System property with the default {@link #waitStrategy()}. */
    public static final String WAIT_STRATEGY_PROP_NAME = "omnistock.wait.strategy";

    private int skuCapacity = 100_000;
    private int locationCapacity = 1_024;
    private int channelCapacity = 16;
    private int positionCapacity = 1_000_000;
    private int reservationCapacity = 100_000;
    private int linesPerReservationMax = 16;
    private int transferCapacity = 16_384;
    private int idempotencyCapacity = 262_144;
    private long idempotencyRetentionMs = TimeUnit.HOURS.toMillis(24);
    private long holdMaxMs = TimeUnit.DAYS.toMillis(30);
    private int ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, 4096);
    private WaitStrategy waitStrategy =
        WaitStrategy.valueOf(System.getProperty(WAIT_STRATEGY_PROP_NAME, WaitStrategy.BLOCKING.name()));
    private LongSupplier clockMs = System::currentTimeMillis;
    private long timerIntervalMs = 100;
    private final List<EventListener> eventListeners = new ArrayList<>();
    private SourcingPolicy sourcingPolicy = Routing.standard();
    private PricingPolicy pricingPolicy = Pricing.bestPromotion();
    private int promotionCapacity = 1_024;
    private long positionLowStockUnits = -1;
    private long channelLowStockUnits = -1;
    private EventJournal journal;

    /** @return a configuration with the defaults. */
    public static EngineConfig defaults()
    {
        return new EngineConfig();
    }

    /** @return the most SKUs that can be defined. Default 100,000. */
    public int skuCapacity()
    {
        return skuCapacity;
    }

    /** @param value the most SKUs. @return this. */
    public EngineConfig skuCapacity(final int value)
    {
        skuCapacity = value;
        return this;
    }

    /** @return the most locations. Default 1,024. */
    public int locationCapacity()
    {
        return locationCapacity;
    }

    /** @param value the most locations. @return this. */
    public EngineConfig locationCapacity(final int value)
    {
        locationCapacity = value;
        return this;
    }

    /** @return the most channels, at most 64. Default 16. */
    public int channelCapacity()
    {
        return channelCapacity;
    }

    /** @param value the most channels, 1..64. @return this. */
    public EngineConfig channelCapacity(final int value)
    {
        channelCapacity = value;
        return this;
    }

    /** @return the most SKU-location positions, 1..2^27. Default 1,000,000. */
    public int positionCapacity()
    {
        return positionCapacity;
    }

    /** @param value the most positions. @return this. */
    public EngineConfig positionCapacity(final int value)
    {
        positionCapacity = value;
        return this;
    }

    /**
     * @return the most reservations held in memory: open ones, plus finished ones kept (oldest recycled first) so
     * that late commands get a precise answer. Default 100,000.
     */
    public int reservationCapacity()
    {
        return reservationCapacity;
    }

    /** @param value the most reservations. @return this. */
    public EngineConfig reservationCapacity(final int value)
    {
        reservationCapacity = value;
        return this;
    }

    /** @return the most lines of one reservation. Default 16. */
    public int linesPerReservationMax()
    {
        return linesPerReservationMax;
    }

    /** @param value the most lines of one reservation. @return this. */
    public EngineConfig linesPerReservationMax(final int value)
    {
        linesPerReservationMax = value;
        return this;
    }

    /** @return the most transfers held in memory (open plus recently completed). Default 16,384. */
    public int transferCapacity()
    {
        return transferCapacity;
    }

    /** @param value the most transfers. @return this. */
    public EngineConfig transferCapacity(final int value)
    {
        transferCapacity = value;
        return this;
    }

    /** @return the most idempotency keys remembered. Default 262,144. */
    public int idempotencyCapacity()
    {
        return idempotencyCapacity;
    }

    /** @param value the most idempotency keys. @return this. */
    public EngineConfig idempotencyCapacity(final int value)
    {
        idempotencyCapacity = value;
        return this;
    }

    /**
     * @return how long, in engine time, a key is guaranteed to be remembered; a full table forgets its oldest key
     * only once it is older than this, and otherwise rejects new commands with IDEMPOTENCY_CAPACITY_EXHAUSTED.
     * Default 24 hours.
     */
    public long idempotencyRetentionMs()
    {
        return idempotencyRetentionMs;
    }

    /** @param value retention in milliseconds, zero or more. @return this. */
    public EngineConfig idempotencyRetentionMs(final long value)
    {
        idempotencyRetentionMs = value;
        return this;
    }

    /** @return the longest hold a reservation may ask for. Default 30 days. */
    public long holdMaxMs()
    {
        return holdMaxMs;
    }

    /** @param value the longest hold in milliseconds, positive. @return this. */
    public EngineConfig holdMaxMs(final long value)
    {
        holdMaxMs = value;
        return this;
    }

    /** @return slots in the command ring, a power of 2. Default 4096 or {@value #RING_SIZE_PROP_NAME}. */
    public int ringSize()
    {
        return ringSize;
    }

    /** @param value a power of 2. @return this. */
    public EngineConfig ringSize(final int value)
    {
        ringSize = value;
        return this;
    }

    /** @return how pipeline threads wait. Default BLOCKING (kind to small machines), or {@value #WAIT_STRATEGY_PROP_NAME}. */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /** @param value the wait strategy. @return this. */
    public EngineConfig waitStrategy(final WaitStrategy value)
    {
        waitStrategy = value;
        return this;
    }

    /**
     * @return the clock that stamps commands as they enter the ring (epoch milliseconds). It is read on the
     * publishing thread, never inside the state machine. Default the system clock; tests use a manual one.
     */
    public LongSupplier clockMs()
    {
        return clockMs;
    }

    /** @param value the clock. @return this. */
    public EngineConfig clockMs(final LongSupplier value)
    {
        clockMs = value;
        return this;
    }

    /**
     * @return how often, in milliseconds of the clock, the pipeline sends a timer tick so that holds expire (and
     * their EXPIRED events reach listeners) even when no command arrives. Expiry is exact in engine time either
     * way: a command stamped at or after a deadline always finds the hold expired. 0 disables the timer (a host
     * driving time itself with AdvanceTime). Default 100.
     */
    public long timerIntervalMs()
    {
        return timerIntervalMs;
    }

    /** @param value milliseconds between timer ticks, 0 for none. @return this. */
    public EngineConfig timerIntervalMs(final long value)
    {
        timerIntervalMs = value;
        return this;
    }

    /**
     * @return the routing adapter that chooses where reservation lines that name no location are held; by default
     * {@link Routing#standard()} (location priority, the capability the fulfilment needs, the chosen pickup store).
     */
    public SourcingPolicy sourcingPolicy()
    {
        return sourcingPolicy;
    }

    /**
     * Sets the routing adapter: one of {@link Routing}'s built-in policies or the host's own. It runs on the writer
     * thread and must be deterministic (see {@link SourcingPolicy}); one instance per engine.
     *
     * @param value the policy.
     * @return this.
     */
    public EngineConfig sourcingPolicy(final SourcingPolicy value)
    {
        sourcingPolicy = java.util.Objects.requireNonNull(value, "sourcingPolicy");
        return this;
    }

    /** @return the pricing adapter; by default {@link Pricing#bestPromotion()}. */
    public PricingPolicy pricingPolicy()
    {
        return pricingPolicy;
    }

    /**
     * Sets the pricing adapter: {@link Pricing#bestPromotion()} or the host's own. It runs on the writer thread and
     * must be deterministic (see {@link PricingPolicy}).
     *
     * @param value the policy.
     * @return this.
     */
    public EngineConfig pricingPolicy(final PricingPolicy value)
    {
        pricingPolicy = java.util.Objects.requireNonNull(value, "pricingPolicy");
        return this;
    }

    /** @return the most promotions the engine holds. */
    public int promotionCapacity()
    {
        return promotionCapacity;
    }

    /** @param value the most promotions the engine holds, 1..2^24. @return this. */
    public EngineConfig promotionCapacity(final int value)
    {
        promotionCapacity = value;
        return this;
    }

    /**
     * @return the low-stock threshold of a position's available, or -1 (the default) for no threshold events on
     * positions; 0 reports only out of stock and back in stock.
     */
    public long positionLowStockUnits()
    {
        return positionLowStockUnits;
    }

    /**
     * Turns on {@code THRESHOLD_CROSSED} events for positions: low stock when a position's available falls to
     * this many units or fewer (still above 0), out of stock when it falls to 0, back in stock when it rises from 0.
     *
     * @param value units, -1 for none.
     * @return this.
     */
    public EngineConfig positionLowStockUnits(final long value)
    {
        positionLowStockUnits = value;
        return this;
    }

    /** @return the low-stock threshold of a SKU's available-to-promise per channel, or -1 (the default) for none. */
    public long channelLowStockUnits()
    {
        return channelLowStockUnits;
    }

    /**
     * Turns on {@code THRESHOLD_CROSSED} events for each channel's available-to-promise of a SKU, as
     * {@link #positionLowStockUnits(long)} does for positions.
     *
     * @param value units, -1 for none.
     * @return this.
     */
    public EngineConfig channelLowStockUnits(final long value)
    {
        channelLowStockUnits = value;
        return this;
    }

    /** @return the event listeners, called in order on the listener thread. */
    public List<EventListener> eventListeners()
    {
        return eventListeners;
    }

    /** @param listener an event listener to add. @return this. */
    public EngineConfig eventListener(final EventListener listener)
    {
        eventListeners.add(listener);
        return this;
    }

    /**
     * @return where decided events are made durable before callers are answered, or null for an in-memory
     * engine (the default). The {@code journal} module provides a Chronicle Queue journal and recovery. The engine
     * closes it when it closes.
     */
    public EventJournal journal()
    {
        return journal;
    }

    /** @param value the journal, or null for none. @return this. */
    public EngineConfig journal(final EventJournal value)
    {
        journal = value;
        return this;
    }

    /**
     * Fails fast on a bad setting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting.
     */
    public EngineConfig validate()
    {
        require(skuCapacity >= 1 && skuCapacity <= KeyIndex.CAPACITY_MAX, "skuCapacity must be in 1..2^24");
        require(locationCapacity >= 1 && locationCapacity <= 65_535, "locationCapacity must be in 1..65535");
        require(channelCapacity >= 1 && channelCapacity <= 64, "channelCapacity must be in 1..64");
        require(positionCapacity >= 1 && positionCapacity <= (1 << 27), "positionCapacity must be in 1..2^27");
        require(reservationCapacity >= 1 && reservationCapacity <= KeyIndex.CAPACITY_MAX, "reservationCapacity must be in 1..2^24");
        require(linesPerReservationMax >= 1 && linesPerReservationMax <= 1024, "linesPerReservationMax must be in 1..1024");
        require((long)reservationCapacity * linesPerReservationMax * 4 <= Integer.MAX_VALUE - 8,
            "reservationCapacity * linesPerReservationMax must be below 2^29 (4 longs per line in one array)");
        require(transferCapacity >= 1 && transferCapacity <= KeyIndex.CAPACITY_MAX, "transferCapacity must be in 1..2^24");
        require(idempotencyCapacity >= 1 && idempotencyCapacity <= KeyIndex.CAPACITY_MAX, "idempotencyCapacity must be in 1..2^24");
        require(idempotencyRetentionMs >= 0, "idempotencyRetentionMs must be zero or more");
        require(holdMaxMs >= 1, "holdMaxMs must be positive");
        require(promotionCapacity >= 1 && promotionCapacity <= KeyIndex.CAPACITY_MAX, "promotionCapacity must be in 1..2^24");
        require(positionLowStockUnits >= -1 && channelLowStockUnits >= -1, "low-stock thresholds must be -1 (none) or more");
        require(ringSize >= 2 && Integer.bitCount(ringSize) == 1, "ringSize must be a power of 2");
        require(waitStrategy != null, "waitStrategy must be set");
        require(clockMs != null, "clockMs must be set");
        require(timerIntervalMs >= 0, "timerIntervalMs must be zero or more");
        require((long)skuCapacity * channelCapacity <= Integer.MAX_VALUE, "skuCapacity * channelCapacity must fit an int");
        return this;
    }


    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
