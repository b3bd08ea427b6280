package io.omnistock.engine.state;

import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.CommandType;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.Limits;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.StockBucket;
import io.omnistock.api.StockThreshold;
import io.omnistock.api.pricing.PriceQuote;
import io.omnistock.api.pricing.PricingPolicy;
import io.omnistock.api.routing.Sourcing;
import io.omnistock.api.routing.SourcingPolicy;
import io.omnistock.engine.EngineConfig;
import org.agrona.DirectBuffer;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;

import java.util.ArrayList;
import java.util.List;

import static io.omnistock.api.ReasonCode.*;

/**
 * The deterministic core: decides each command against the current state, records the facts as encoded events
 * in the command's slot, and applies them. Single-threaded, no clock, no I/O, no randomness, no allocation per
 * command in steady state: state is a function of the commands applied, in order, with their timestamps.
 *
 * <p>Per command: (1) engine time advances to the command's timestamp (never backwards), firing every hold
 * whose deadline has been reached, in deadline order; (2) the idempotency key is checked: a repeat with the same
 * payload gets the remembered outcome and changes nothing, a different payload is a conflict; (3) the command is
 * validated completely before anything changes, so a rejection changes no stock; (4) the outcome is
 * remembered under the key, except for validation (1xx), idempotency (5xx) and capacity (6xx) rejections,
 * which the caller may fix and send again with the same key.
 *
 * <p>State lives in primitive arrays sized from {@link EngineConfig}, preallocated except where most machines would
 * leave them empty: units expected per position and the cold buckets (safety stock, damaged, quarantined, in
 * transit; both allocated in chunks of 4,096 positions where written), the SKUs' ids (packed as they are defined)
 * and each SKU's row of channel ATP (as wide as the channels defined). The state a command touches together is
 * stored together: a position is one 32-byte record of a {@code long[]} (its key, on hand, reserved, committed),
 * indexed by a dense position number; a reservation is a 64-byte header record plus one 32-byte record per line.
 * A single-line reservation therefore costs a few cache lines, not one per field, which is what bounds the
 * machine's speed over a million positions. Other, colder state (transfers, prices, names) is kept in columns.
 * Query methods are plain reads: the pipeline makes them safe from other threads (see the engine's read view).
 */
public final class StateMachine
{
    private static final byte FREE = 0;
    private static final byte TRANSFER_OPEN = 1;
    private static final byte TRANSFER_COMPLETE_STATE = 2;
    private static final int MICRO_DEGREES_90 = 90_000_000;
    private static final int MICRO_DEGREES_180 = 180_000_000;

    /**
     * Index of the first record in {@link #positions}, {@link #reservations} and {@link #lines}: six longs past an
     * array's 16-byte header is 64 bytes from the array's start. The JVM places an array as large as these tables
     * (larger than half a G1 region) at the start of a region, so each 64-byte record (a reservation's header) then
     * fills exactly one cache line instead of straddling two, and a 32-byte one (a position, a reservation line) never
     * straddles. Any other placement is only slower.
     */
    private static final int RECORD_BASE = 6;

    /** Longs per position record: 32 bytes, two records per cache line. */
    private static final int POSITION_STRIDE = 4;
    private static final int POSITION_SHIFT = 2;
    /** Position record field: SKU index in the high 32 bits, location index in the low 32. */
    private static final int KEY = 0;
    private static final int ON_HAND = 1;
    private static final int RESERVED = 2;
    private static final int COMMITTED = 3;

    /** A position's cold buckets, in {@link #cold}: fields per position. */
    private static final int COLD_FIELDS = 4;
    private static final int COLD_SAFETY_STOCK = 0;
    private static final int COLD_DAMAGED = 1;
    private static final int COLD_QUARANTINED = 2;
    private static final int COLD_IN_TRANSIT = 3;

    /** Longs per reservation header: 64 bytes (one spare). */
    private static final int RESERVATION_STRIDE = 8;
    private static final int RESERVATION_SHIFT = 3;
    /** Reservation header fields. */
    private static final int STATE = 0;
    private static final int CHANNEL = 1;
    private static final int FULFILMENT = 2;
    private static final int CREATED_MS = 3;
    private static final int DEADLINE_MS = 4;
    private static final int SEQUENCE = 5;
    private static final int LINE_COUNT = 6;

    /** Longs per reservation line: 32 bytes. */
    private static final int LINE_STRIDE = 4;
    private static final int LINE_SHIFT = 2;
    /** Reservation line fields. POSITION holds the position number and, in its high 32 bits, the position's SKU. */
    private static final int POSITION = 0;
    private static final int QUANTITY = 1;
    private static final int FULFILLED = 2;
    private static final int PRICE = 3;

    /** Lines of a reservation command that {@link #prefetchGroup} follows past the first table slots. */
    private static final int LINES_AHEAD = 4;

    /** Longs per remembered outcome in the idempotency ring: 48 bytes. */
    private static final int OUTCOME_STRIDE = 6;
    /** Remembered outcome fields. */
    private static final int PAYLOAD_HASH = 0;
    /** The command type's code in the high 32 bits, the reason code in the low 32. */
    private static final int TYPE_AND_CODE = 1;
    private static final int OUTCOME_LINE = 2;
    private static final int OUTCOME_AVAILABLE = 3;
    private static final int OUTCOME_SEQUENCE = 4;
    private static final int OUTCOME_TIME = 5;
    /**
     * Flag beside a remembered outcome's command type: its payload hash is {@link CommandSlot#legacyPayloadHash()},
     * because it was replayed from a record older than {@link EventCodec#PAYLOAD_HASH_VERSION} or loaded from a
     * snapshot written before it, so a retry is compared with that hash.
     */
    private static final int LEGACY_PAYLOAD_HASH = 1 << 30;

    private final int channelCapacity;
    private final int linesMax;
    private final long idempotencyRetentionMs;
    private final long holdMaxMs;

    private final Names names;
    private final EventCodec codec = new EventCodec();
    private final AsciiKey scratchKey = new AsciiKey();
    private final int[] scratchPosition;
    private final int[] scratchLocation;
    private final int[] scratchSku;
    private final long[] scratchQuantity;
    private final int[] takeLine;
    private final int[] takePosition;
    private final long[] takeQuantity;
    private int takeCount;
    private final SourcingView sourcing;
    private long nowMs;
    private long decidedMs;
    private long prefetched;
    /** Records prefetched by {@link #prefetchGroup} and not replayed yet. */
    private int replayAhead;
    /** What {@link #prefetchRecord} and {@link #prefetchCommand} noted for the next {@link #prefetchGroup}. */
    private final long[] aheadKeyHash = new long[256];
    private final long[] aheadReferenceHash = new long[256];
    private final long[] aheadSkuHash = new long[256];
    private final long[] aheadPosition = new long[256];
    private final int[] aheadHint = new int[256];
    /** The commands {@link #prefetchCommand} noted (null for a journal record), for the deeper passes. */
    private final CommandSlot[] aheadSlot = new CommandSlot[256];
    /** How many of the noted entries are commands: none during replay, which then skips the deeper passes. */
    private int aheadCommands;
    private int aheadCount;
    private long sequence;
    private final AsciiKey replayKey = new AsciiKey();
    private final AsciiKey replayReference = new AsciiKey();
    /** The position hint of the record being replayed ({@link EventCodec#POSITION_HINT_OFFSET}), or -1. */
    private int replayHint = -1;
    private final byte[] replayBytes = new byte[2 * Limits.ID_LENGTH_MAX];

    private final KeyIndex skuIndex;
    private int skuCount;

    private final KeyIndex locationIndex;
    private int locationCount;
    private final byte[] locationType;
    private final int[] locationCapabilities;
    private final int[] locationPriority;
    private final int[] locationLatitude;
    private final int[] locationLongitude;
    private final double[] locationPoint;
    private final long[] locationChannels;

    private final KeyIndex channelIndex;
    private int channelCount;
    private final int[][] channelLocations;
    private final long[] channelRule;
    private final long[] locationRule;
    private final LongLongHashMap skuRule = new LongLongHashMap();
    private int ruleCount;
    private long fencedChannels;
    private final LongLongHashMap channelUsage = new LongLongHashMap();
    private final long[] seenBefore;
    private long promiseBefore;

    private final long positionLowUnits;
    private final long channelLowUnits;
    private final boolean thresholds;
    private boolean deciding;
    private int touchStamp;
    private final int[] positionTouched;
    private int[] promiseTouched;
    private final long[] positionLevelBefore;
    private long[] promiseLevelBefore;
    private final LongArrayList touchedPositions = new LongArrayList();
    private final LongArrayList touchedPromises = new LongArrayList();

    private final PositionIndex positionIndex;
    private final int positionCapacity;
    private int positionCount;
    /**
     * Position records, {@link #POSITION_STRIDE} longs each (32 bytes), so that a command's reads and writes of one
     * position touch one cache line rather than one line per bucket: {@link #KEY} (SKU in the high 32 bits,
     * location in the low), then the buckets every reservation moves, {@link #ON_HAND} .. {@link #COMMITTED}.
     */
    private final long[] positions;
    /**
     * The buckets most positions keep at zero, outside the record so that it stays 32 bytes: safety stock,
     * damaged, quarantined, in transit ({@link #COLD_SAFETY_STOCK} .. {@link #COLD_IN_TRANSIT}), side by side per
     * position in chunks of 4,096 positions allocated on the first non-zero write there. An availability check
     * reads the chunk reference (a small array, cached) and, only where the chunk exists, the position's 32 bytes
     * in it: one or two more cache misses for positions in a range where any position has one of these buckets,
     * none for the others. A command that writes one allocates the chunk before it changes anything.
     */
    private final ChunkedLongs cold;
    /**
     * Units expected per position: read and written only by receipt commands, so kept outside the record, in chunks
     * allocated where receipts are expected (a machine that never expects one pays nothing per position).
     */
    private final ChunkedLongs incoming;
    /**
     * Each SKU's available-to-promise per channel, at {@link #promiseIndex}: a row of {@link #promiseRow} entries
     * per SKU, the smallest power of two that holds the channels defined so far (at least one, at most
     * {@code channelCapacity}). The row grows when a channel is defined past it ({@link #growPromiseRows}), so a
     * machine pays for the channels it has, not for {@code channelCapacity} of them.
     */
    private long[] channelPromise;
    private int promiseRow = 1;

    private final KeyIndex reservationIndex;
    private final SlotPool reservationPool;
    /** Reservation headers, {@link #RESERVATION_STRIDE} longs each (64 bytes): {@link #STATE} .. {@link #LINE_COUNT}. */
    private final long[] reservations;
    /**
     * Reservation lines, {@link #LINE_STRIDE} longs each, {@code linesMax} per reservation: line {@code i} of
     * reservation {@code r} is line number {@code r * linesMax + i}; {@link #POSITION} .. {@link #PRICE}.
     */
    private final long[] lines;
    private final ExpiryHeap expiries;

    private final long[] bookPrice;
    private final LongLongHashMap localPrice = new LongLongHashMap();
    private final KeyIndex promotionIndex;
    private int promotionCount;
    private final int[] promotionSku;
    private final int[] promotionChannel;
    private final long[] promotionStartMs;
    private final long[] promotionEndMs;
    private final int[] promotionPercent;
    private final long[] promotionAmount;
    private final String[] promotionNames;
    private final PriceQuoteView quote;
    private final long[] takePrice;

    private final KeyIndex transferIndex;
    private final SlotPool transferPool;
    private final byte[] transferState;
    private final int[] transferSku;
    private final int[] transferFrom;
    private final int[] transferTo;
    private final long[] transferShipped;
    private final long[] transferReceived;

    private final KeyIndex idempotencyIndex;
    private final int idempotencyCapacity;
    private int idempotencyHead;
    private int idempotencyCount;
    /**
     * True while replay or a snapshot load stores remembered keys in the idempotency ring without indexing them
     * (nothing looks them up until the machine decides again): {@link #indexIdempotency()} then indexes the ones
     * still live, instead of inserting and evicting every key a long journal ever remembered.
     */
    private boolean idempotencyDeferred;
    /**
     * The remembered outcomes, one record of {@link #OUTCOME_STRIDE} longs per ring entry (the key is in
     * {@link #idempotencyIndex}'s arena under the same entry number): payload hash, command type and reason code,
     * line index, available, sequence, time. One record, not one array per field, so remembering an outcome
     * writes one sequential stream instead of seven.
     */
    private final long[] outcomes;

    /**
     * Preallocates every structure from the configuration's capacities.
     *
     * @param config capacities; validated here.
     */
    public StateMachine(final EngineConfig config)
    {
        config.validate();
        final int skuCapacity = config.skuCapacity();
        final int locationCapacity = config.locationCapacity();
        channelCapacity = config.channelCapacity();
        linesMax = config.linesPerReservationMax();
        idempotencyRetentionMs = config.idempotencyRetentionMs();
        holdMaxMs = config.holdMaxMs();
        names = new Names(skuCapacity, locationCapacity, channelCapacity);
        scratchPosition = new int[Math.max(linesMax, locationCapacity)];
        scratchLocation = new int[Math.max(linesMax, locationCapacity)];
        scratchSku = new int[linesMax];
        scratchQuantity = new long[linesMax];
        takeLine = new int[linesMax];
        takePosition = new int[linesMax];
        takeQuantity = new long[linesMax];
        takePrice = new long[linesMax];
        bookPrice = new long[skuCapacity];
        java.util.Arrays.fill(bookPrice, -1);
        final int promotionCapacity = config.promotionCapacity();
        promotionIndex = new KeyIndex(promotionCapacity);
        promotionSku = new int[promotionCapacity];
        promotionChannel = new int[promotionCapacity];
        promotionStartMs = new long[promotionCapacity];
        promotionEndMs = new long[promotionCapacity];
        promotionPercent = new int[promotionCapacity];
        promotionAmount = new long[promotionCapacity];
        promotionNames = new String[promotionCapacity];
        quote = new PriceQuoteView(config.pricingPolicy());
        sourcing = new SourcingView(config.sourcingPolicy());
        config.sourcingPolicy().prepare(locationCapacity, linesMax);

        skuIndex = KeyIndex.packed(skuCapacity);
        locationIndex = new KeyIndex(locationCapacity);
        locationType = new byte[locationCapacity];
        locationCapabilities = new int[locationCapacity];
        locationPriority = new int[locationCapacity];
        locationLatitude = new int[locationCapacity];
        locationLongitude = new int[locationCapacity];
        locationPoint = new double[3 * locationCapacity];
        locationChannels = new long[locationCapacity];
        channelIndex = new KeyIndex(channelCapacity);
        channelLocations = new int[channelCapacity][];
        channelRule = new long[channelCapacity];
        locationRule = new long[locationCapacity * channelCapacity];
        seenBefore = new long[channelCapacity];
        positionLowUnits = config.positionLowStockUnits();
        channelLowUnits = config.channelLowStockUnits();
        thresholds = positionLowUnits >= 0 || channelLowUnits >= 0;
        positionTouched = new int[thresholds ? config.positionCapacity() : 0];
        promiseTouched = new int[thresholds ? skuCapacity : 0];
        positionLevelBefore = new long[positionTouched.length];
        promiseLevelBefore = new long[promiseTouched.length];

        positionCapacity = config.positionCapacity();
        positions = new long[RECORD_BASE + positionCapacity * POSITION_STRIDE];
        positionIndex = new PositionIndex(positions, RECORD_BASE, POSITION_STRIDE, KEY);
        incoming = new ChunkedLongs(positionCapacity, 1);
        cold = new ChunkedLongs(positionCapacity, COLD_FIELDS);
        channelPromise = new long[skuCapacity];

        final int reservationCapacity = config.reservationCapacity();
        reservationIndex = new KeyIndex(reservationCapacity);
        reservationPool = new SlotPool(reservationCapacity);
        reservations = new long[RECORD_BASE + reservationCapacity * RESERVATION_STRIDE];
        lines = new long[RECORD_BASE + reservationCapacity * linesMax * LINE_STRIDE];
        expiries = new ExpiryHeap(reservationCapacity);

        final int transferCapacity = config.transferCapacity();
        transferIndex = new KeyIndex(transferCapacity);
        transferPool = new SlotPool(transferCapacity);
        transferState = new byte[transferCapacity];
        transferSku = new int[transferCapacity];
        transferFrom = new int[transferCapacity];
        transferTo = new int[transferCapacity];
        transferShipped = new long[transferCapacity];
        transferReceived = new long[transferCapacity];

        idempotencyCapacity = config.idempotencyCapacity();
        idempotencyIndex = new KeyIndex(idempotencyCapacity);
        outcomes = new long[idempotencyCapacity * OUTCOME_STRIDE];
    }

    /** @return the names of SKUs, locations and channels by index, for event views on other threads. */
    public Names names()
    {
        return names;
    }

    /** @return engine time, epoch milliseconds. */
    public long nowMs()
    {
        return nowMs;
    }

    /** @return the sequence number of the last event decided. */
    public long sequence()
    {
        return sequence;
    }

    // ------------------------------------------------------------------------------------------------------
    // Decide and apply
    // ------------------------------------------------------------------------------------------------------

    /**
     * Decides one command: writes the reply fields and the encoded events into the slot and applies them.
     *
     * @param slot a translated command; its output fields are overwritten.
     */
    public void apply(final CommandSlot slot)
    {
        indexIdempotency();
        prefetch(slot);
        slot.clearOutput();
        codec.wrap(slot.events);
        startThresholds();
        advanceTo(slot.timestampMs);
        if (slot.type() == CommandType.DEFINE_CHANNEL || slot.type() == CommandType.SET_CHANNEL_RULE)
        {
            // configuration moves channels' ATP without threshold events: report only what the expiries moved
            finishThresholds(slot);
        }
        if (slot.type() == CommandType.ADVANCE_TIME && slot.key.isEmpty())
        {
            finishTick(slot);
            return;
        }
        final long payloadHash = slot.payloadHash();
        final int remembered = idempotencyIndex.get(slot.key);
        if (remembered >= 0)
        {
            final long expected = (outcomeTypeBits(remembered) & LEGACY_PAYLOAD_HASH) == 0 ?
                payloadHash : slot.legacyPayloadHash();
            if (outcomeType(remembered) == slot.typeCode && outcomes[outcomeAt(remembered) + PAYLOAD_HASH] == expected)
            {
                replayOutcome(slot, remembered);
            }
            else
            {
                reject(slot, IDEMPOTENCY_CONFLICT, payloadHash);
            }
        }
        else if (!makeIdempotencyRoom())
        {
            reject(slot, IDEMPOTENCY_CAPACITY_EXHAUSTED, payloadHash);
        }
        else
        {
            final int code = execute(slot, payloadHash);
            if (code != OK)
            {
                reject(slot, code, payloadHash);
            }
            if (isRemembered(code))
            {
                idempotencyIndex.put(slot.key, rememberOutcome(
                    slot.typeCode, payloadHash, slot.code, slot.lineIndex, slot.available, slot.sequence));
            }
        }
        slot.replyTimeMs = nowMs;
        finishThresholds(slot);
        endRecords(slot);
    }

    /**
     * Touches, before deciding, the table slots the command's lookups will probe: its idempotency key, the oldest
     * remembered key (evicted to make room) and, for a reservation command, its key, the reservation slot it may
     * recycle (its key's table slot, and its header and first line, which the reserve will overwrite: retired
     * reservations are recycled oldest first, so these are cold; the grouped path reads the header) and its line
     * SKUs; for any other command naming a SKU (a sale, a receipt, an adjustment...), that SKU. The reads are
     * independent, so their cache misses overlap instead of stalling one after another. The values are folded into
     * a field that nothing reads, so that the compiler keeps them.
     */
    private void prefetch(final CommandSlot slot)
    {
        long bits = idempotencyIndex.prefetch(slot.key.hash()) + idempotencyIndex.prefetchValue(idempotencyHead);
        final CommandType type = slot.type();
        if (type == CommandType.RESERVE || type == CommandType.RELEASE || type == CommandType.CONFIRM ||
            type == CommandType.FULFIL || type == CommandType.EXTEND_HOLD)
        {
            bits += reservationIndex.prefetch(slot.reference.hash());
        }
        if (type == CommandType.RESERVE)
        {
            bits += reservationIndex.prefetchValue(reservationPool.peekRetired());
            final int recycled = reservationPool.peekRetired(0);
            if (recycled >= 0)
            {
                bits += reservations[res(recycled)] + lines[line(recycled * linesMax)];
            }
            final int lineCount = Math.min(slot.lineCount, slot.lineSku.length);
            for (int i = 0; i < lineCount; i++)
            {
                bits += skuIndex.prefetch(slot.lineSku[i].hash());
            }
        }
        else if (!slot.sku.isEmpty())
        {
            bits += skuIndex.prefetch(slot.sku.hash());
        }
        prefetched = bits;
    }

    private void endRecords(final CommandSlot slot)
    {
        slot.eventsLength = codec.limit();
        slot.eventCount = codec.count();
        if (slot.eventCount > 0)
        {
            decidedMs = slot.events.getLong(codec.record() + EventCodec.TIME_OFFSET);
        }
    }

    /**
     * A timer tick from the pipeline (an ADVANCE_TIME slot with no key, which the API boundary never lets a
     * caller send): engine time moves to the slot's timestamp and due holds expire. It is not an idempotent
     * command: nothing is remembered and, unless a hold expires, no event is recorded.
     */
    private void finishTick(final CommandSlot slot)
    {
        slot.code = OK;
        slot.replyTimeMs = nowMs;
        finishThresholds(slot);
        endRecords(slot);
    }

    private int execute(final CommandSlot slot, final long payloadHash)
    {
        switch (slot.type())
        {
            case DEFINE_SKU: return defineSku(slot, payloadHash);
            case DEFINE_LOCATION: return defineLocation(slot, payloadHash);
            case DEFINE_CHANNEL: return defineChannel(slot, payloadHash);
            case SET_CHANNEL_RULE: return setChannelRule(slot, payloadHash);
            case SET_PRICE: return setPrice(slot, payloadHash);
            case DEFINE_PROMOTION: return definePromotion(slot, payloadHash);
            case RECEIVE: return receive(slot, payloadHash);
            case EXPECT_RECEIPT: return expectReceipt(slot, payloadHash);
            case ADJUST: return adjust(slot, payloadHash);
            case COUNT: return count(slot, payloadHash);
            case SET_SAFETY_STOCK: return setSafetyStock(slot, payloadHash);
            case SELL: return sell(slot, payloadHash);
            case TRANSFER_OUT: return transferOut(slot, payloadHash);
            case TRANSFER_IN: return transferIn(slot, payloadHash);
            case RETURN: return returnGoods(slot, payloadHash);
            case RESERVE: return reserve(slot, payloadHash);
            case EXTEND_HOLD: return extendHold(slot, payloadHash);
            case CONFIRM: return confirm(slot, payloadHash);
            case RELEASE: return release(slot, payloadHash);
            case FULFIL: return fulfil(slot, payloadHash);
            case ADVANCE_TIME: return advanceTime(slot, payloadHash);
            default: return INVALID_ARGUMENT;
        }
    }

    private static boolean isRemembered(final int code)
    {
        final int group = code / 100;
        return group != 1 && group != 5 && group != 6;
    }

    private EventCodec outcome(final EventType type, final CommandSlot slot, final long payloadHash)
    {
        final long eventSequence = ++sequence;
        slot.sequence = eventSequence;
        return codec.begin(type.code(), slot.typeCode, eventSequence, nowMs, slot.key, slot.reference)
            .payloadHash(payloadHash);
    }

    private void reject(final CommandSlot slot, final int code, final long payloadHash)
    {
        slot.code = code;
        slot.replyLineCount = 0;
        final long eventSequence = ++sequence;
        slot.sequence = eventSequence;
        codec.begin(EventType.REJECTED.code(), slot.typeCode, eventSequence, nowMs, slot.key, slot.reference)
            .payloadHash(payloadHash)
            .reasonCode(code)
            .lineIndex(slot.lineIndex)
            .available(slot.available)
            .end();
    }

    private int failLine(final CommandSlot slot, final int code, final int lineIndex, final long available)
    {
        slot.lineIndex = lineIndex;
        slot.available = available;
        return code;
    }

    // ------------------------------------------------------------------------------------------------------
    // Idempotency
    // ------------------------------------------------------------------------------------------------------

    private boolean makeIdempotencyRoom()
    {
        if (idempotencyCount < idempotencyCapacity)
        {
            return true;
        }
        final int oldest = idempotencyHead;
        if (nowMs - outcomes[outcomeAt(oldest) + OUTCOME_TIME] < idempotencyRetentionMs)
        {
            return false;
        }
        if (!idempotencyDeferred)
        {
            idempotencyIndex.removeValue(oldest);
        }
        idempotencyHead = idempotencyHead + 1 == idempotencyCapacity ? 0 : idempotencyHead + 1;
        idempotencyCount--;
        return true;
    }

    /**
     * Fills the next entry of the idempotency ring with an outcome, leaving its key to the caller: indexed live,
     * only stored during replay.
     */
    private int rememberOutcome(
        final int commandType,
        final long payloadHash,
        final int code,
        final int lineIndex,
        final long available,
        final long outcomeSequence)
    {
        // head + count < 2 * capacity: a subtraction wraps it, no division on the hot path
        final int unwrapped = idempotencyHead + idempotencyCount;
        final int entry = unwrapped >= idempotencyCapacity ? unwrapped - idempotencyCapacity : unwrapped;
        idempotencyCount++;
        storeOutcome(entry, payloadHash, commandType, code, lineIndex, available, outcomeSequence, nowMs);
        return entry;
    }

    /**
     * Ends replay's deferral of the idempotency index: indexes every key the ring still remembers, so that
     * {@link #apply} recognises retries of commands decided before. {@link #apply} calls it first; a recovery calls
     * it once its replay is over, so that the work is counted there rather than paid by the first command. Costs
     * clearing the table (twice {@code idempotencyCapacity} longs, rounded up to a power of two) and one insert
     * per remembered key; does nothing when nothing is deferred.
     */
    public void indexIdempotency()
    {
        if (!idempotencyDeferred)
        {
            return;
        }
        idempotencyIndex.clearTable();
        for (int i = 0; i < idempotencyCount; i++)
        {
            idempotencyIndex.indexStored((idempotencyHead + i) % idempotencyCapacity);
        }
        idempotencyDeferred = false;
    }

    private void storeOutcome(
        final int entry,
        final long payloadHash,
        final int commandType,
        final int code,
        final int lineIndex,
        final long available,
        final long outcomeSequence,
        final long timeMs)
    {
        final int o = outcomeAt(entry);
        outcomes[o + PAYLOAD_HASH] = payloadHash;
        outcomes[o + TYPE_AND_CODE] = ((long)commandType << 32) | (code & 0xFFFF_FFFFL);
        outcomes[o + OUTCOME_LINE] = lineIndex;
        outcomes[o + OUTCOME_AVAILABLE] = available;
        outcomes[o + OUTCOME_SEQUENCE] = outcomeSequence;
        outcomes[o + OUTCOME_TIME] = timeMs;
    }

    /** @return the index of ring entry {@code entry}'s record in {@link #outcomes}. */
    private static int outcomeAt(final int entry)
    {
        return entry * OUTCOME_STRIDE;
    }

    private int outcomeType(final int entry)
    {
        return outcomeTypeBits(entry) & ~LEGACY_PAYLOAD_HASH;
    }

    /** @return the command type's code with the {@link #LEGACY_PAYLOAD_HASH} flag, as stored. */
    private int outcomeTypeBits(final int entry)
    {
        return (int)(outcomes[outcomeAt(entry) + TYPE_AND_CODE] >>> 32);
    }

    private int outcomeCode(final int entry)
    {
        return (int)outcomes[outcomeAt(entry) + TYPE_AND_CODE];
    }

    private void replayOutcome(final CommandSlot slot, final int entry)
    {
        final int o = outcomeAt(entry);
        slot.code = outcomeCode(entry);
        slot.duplicate = true;
        slot.sequence = outcomes[o + OUTCOME_SEQUENCE];
        slot.lineIndex = (int)outcomes[o + OUTCOME_LINE];
        slot.available = outcomes[o + OUTCOME_AVAILABLE];
        if (slot.code == OK && slot.type() == CommandType.RESERVE)
        {
            final int reservation = reservationIndex.get(slot.reference);
            if (reservation >= 0 && reservations[res(reservation) + SEQUENCE] == slot.sequence)
            {
                reportLines(slot, reservation);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Time and expiry
    // ------------------------------------------------------------------------------------------------------

    private void advanceTo(final long timeMs)
    {
        while (expiries.size() > 0 && expiries.peekDeadline() <= timeMs)
        {
            expire(expiries.peek());
        }
        if (timeMs > nowMs)
        {
            nowMs = timeMs;
        }
    }

    private void expire(final int reservation)
    {
        readAheadLines(reservation);
        final long deadline = reservations[res(reservation) + DEADLINE_MS];
        if (deadline > nowMs)
        {
            nowMs = deadline;
        }
        reservationIndex.keyOf(reservation, scratchKey);
        final EventCodec event = codec.begin(EventType.EXPIRED.code(), 0, ++sequence, deadline, null, scratchKey)
            .channel(channelOf(reservation))
            .reservationState(ReservationState.EXPIRED.code());
        encodeOutstanding(reservation, event);
        event.end();
        applyEnded(reservation, ReservationState.EXPIRED);
    }

    private int advanceTime(final CommandSlot slot, final long payloadHash)
    {
        if (slot.quantity < 0)
        {
            return INVALID_ARGUMENT;
        }
        final long arrivalMs = nowMs;
        advanceTo(slot.quantity);
        outcome(EventType.TIME_ADVANCED, slot, payloadHash).quantity(slot.quantity).variance(arrivalMs).end();
        return OK;
    }

    // ------------------------------------------------------------------------------------------------------
    // Definitions
    // ------------------------------------------------------------------------------------------------------

    private int defineSku(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (skuIndex.get(slot.reference) >= 0)
        {
            return ALREADY_DEFINED;
        }
        if (skuCount == skuIndex.capacity())
        {
            return SKU_CAPACITY_EXHAUSTED;
        }
        final int sku = applySkuDefined(slot.reference);
        outcome(EventType.SKU_DEFINED, slot, payloadHash).sku(sku).end();
        return OK;
    }

    private int applySkuDefined(final AsciiKey id)
    {
        // what allocates first (the name, a chunk of the index's keys), so that a failure leaves no half-defined SKU
        final String name = id.toString();
        final int sku = skuCount;
        skuIndex.put(id, sku);
        names.skus[sku] = name;
        skuCount++;
        return sku;
    }

    private static boolean isCoordinate(final int latitudeMicros, final int longitudeMicros)
    {
        return latitudeMicros >= -MICRO_DEGREES_90 && latitudeMicros <= MICRO_DEGREES_90 &&
            longitudeMicros >= -MICRO_DEGREES_180 && longitudeMicros <= MICRO_DEGREES_180;
    }

    private int defineLocation(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (LocationType.fromCode(slot.kind) == null ||
            slot.capabilities < 0 || slot.capabilities > LocationCapability.ALL ||
            !isCoordinate(slot.latitudeMicros, slot.longitudeMicros))
        {
            return INVALID_ARGUMENT;
        }
        if (locationIndex.get(slot.reference) >= 0)
        {
            return ALREADY_DEFINED;
        }
        if (locationCount == locationIndex.capacity())
        {
            return LOCATION_CAPACITY_EXHAUSTED;
        }
        final int location = applyLocationDefined(slot.reference, slot.kind, slot.capabilities, slot.priority,
            slot.latitudeMicros, slot.longitudeMicros);
        outcome(EventType.LOCATION_DEFINED, slot, payloadHash)
            .location(location)
            .kind(slot.kind)
            .locationAttributes(slot.capabilities, slot.priority, slot.latitudeMicros, slot.longitudeMicros)
            .end();
        return OK;
    }

    private int applyLocationDefined(
        final AsciiKey id, final int type, final int capabilities, final int priority, final int latitudeMicros,
        final int longitudeMicros)
    {
        final int location = locationCount++;
        locationIndex.put(id, location);
        names.locations[location] = id.toString();
        locationType[location] = (byte)type;
        locationCapabilities[location] = capabilities;
        locationPriority[location] = priority;
        locationLatitude[location] = latitudeMicros;
        locationLongitude[location] = longitudeMicros;
        GreatCircle.point(latitudeMicros, longitudeMicros, locationPoint, 3 * location);
        return location;
    }

    private int defineChannel(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        final int count = slot.lineCount;
        if (count == 0)
        {
            return EMPTY;
        }
        if (count > scratchLocation.length)
        {
            return TOO_MANY_LINES;
        }
        for (int i = 0; i < count; i++)
        {
            final int location = locationIndex.get(slot.lineLocation[i]);
            if (location < 0)
            {
                return failLine(slot, UNKNOWN_LOCATION, i, -1);
            }
            for (int j = 0; j < i; j++)
            {
                if (scratchLocation[j] == location)
                {
                    return failLine(slot, DUPLICATE_LINE, i, -1);
                }
            }
            scratchLocation[i] = location;
        }
        if (channelIndex.get(slot.reference) >= 0)
        {
            return ALREADY_DEFINED;
        }
        if (channelCount == channelIndex.capacity())
        {
            return CHANNEL_CAPACITY_EXHAUSTED;
        }
        final int channel = applyChannelDefined(slot.reference, sortByPriority(scratchLocation, count));
        final EventCodec event = outcome(EventType.CHANNEL_DEFINED, slot, payloadHash).channel(channel);
        for (final int location : channelLocations[channel])
        {
            event.line(-1, location, 0);
        }
        event.end();
        return OK;
    }

    /** @param locations the channel's locations in sourcing order, owned by the machine from now on. */
    private int applyChannelDefined(final AsciiKey id, final int[] locations)
    {
        if (channelCount == promiseRow)
        {
            // before the channel counts: if growing fails (out of memory), the machine is as it was
            growPromiseRows();
        }
        final int channel = channelCount++;
        channelIndex.put(id, channel);
        names.channels[channel] = id.toString();
        channelLocations[channel] = locations;
        for (final int location : locations)
        {
            locationChannels[location] |= 1L << channel;
        }
        for (int position = 0; position < positionCount; position++)
        {
            if ((locationChannels[locationOf(position)] & (1L << channel)) != 0)
            {
                channelPromise[promiseIndex(skuOf(position), channel)] += seen(channel, position, 0);
            }
        }
        return channel;
    }

    /**
     * Doubles the row of every SKU in {@link #channelPromise}, to at most {@code channelCapacity} (and the threshold
     * arrays indexed alike), copying what the rows hold: on a channel definition past the current row,
     * configuration that a running retailer does a handful of times, never per command. The writer holds the
     * engine's lock meanwhile, so a reader that raced with it fails its validation and reads again.
     */
    private void growPromiseRows()
    {
        if (promiseRow == channelCapacity)
        {
            throw new IllegalStateException("more than channelCapacity (" + channelCapacity + ") channels defined");
        }
        final int oldRow = promiseRow;
        final int row = Math.min(oldRow * 2, channelCapacity);
        final long[] promise = new long[skuIndex.capacity() * row];
        final int[] touched = new int[thresholds ? promise.length : 0];
        final long[] levelBefore = new long[touched.length];
        for (int sku = 0; sku < skuCount; sku++)
        {
            final int from = sku * oldRow;
            final int to = sku * row;
            System.arraycopy(channelPromise, from, promise, to, oldRow);
            if (thresholds)
            {
                System.arraycopy(promiseTouched, from, touched, to, oldRow);
                System.arraycopy(promiseLevelBefore, from, levelBefore, to, oldRow);
            }
        }
        for (int i = 0; i < touchedPromises.size(); i++)
        {
            final int index = (int)touchedPromises.get(i);
            touchedPromises.set(i, index / oldRow * row + index % oldRow);
        }
        channelPromise = promise;
        promiseTouched = touched;
        promiseLevelBefore = levelBefore;
        promiseRow = row;
    }

    /**
     * @param sku     SKU index.
     * @param channel channel index, below the channels defined.
     * @return where the SKU's available-to-promise in the channel is in {@link #channelPromise}.
     */
    private int promiseIndex(final int sku, final int channel)
    {
        return sku * promiseRow + channel;
    }

    private int[] sortByPriority(final int[] locations, final int count)
    {
        final int[] sorted = java.util.Arrays.copyOf(locations, count);
        for (int i = 1; i < count; i++)
        {
            final int location = sorted[i];
            int j = i - 1;
            while (j >= 0 && preferred(location, sorted[j]))
            {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = location;
        }
        return sorted;
    }

    private boolean preferred(final int a, final int b)
    {
        return locationPriority[a] < locationPriority[b] || (locationPriority[a] == locationPriority[b] && a < b);
    }

    private int setChannelRule(final CommandSlot slot, final long payloadHash)
    {
        final int channel = channelIndex.get(slot.channel);
        if (channel < 0)
        {
            return UNKNOWN_CHANNEL;
        }
        final boolean bySku = !slot.sku.isEmpty();
        final boolean byLocation = !slot.location.isEmpty();
        if (bySku && byLocation || !ChannelRules.isPercent(slot.priority) || !ChannelRules.isPercent(slot.capabilities))
        {
            return INVALID_ARGUMENT;
        }
        final int amountCode = notNegativeCode(slot.quantity, Limits.QUANTITY_MAX);
        if (amountCode != OK)
        {
            return amountCode;
        }
        final int sku = bySku ? skuIndex.get(slot.sku) : -1;
        if (bySku && sku < 0)
        {
            return UNKNOWN_SKU;
        }
        final int location = byLocation ? locationIndex.get(slot.location) : -1;
        if (byLocation && location < 0)
        {
            return UNKNOWN_LOCATION;
        }
        if (byLocation && (locationChannels[location] & (1L << channel)) == 0)
        {
            return LOCATION_NOT_IN_CHANNEL;
        }
        outcome(EventType.CHANNEL_RULE_SET, slot, payloadHash).channel(channel).sku(sku).location(location)
            .quantity(slot.quantity).locationAttributes(slot.capabilities, slot.priority, 0, 0).end();
        applyChannelRule(channel, sku, location, ChannelRules.encode(slot.quantity, slot.priority, slot.capabilities));
        return OK;
    }

    /**
     * Stores a rule and moves the channel's available-to-promise from what it saw under the old rules to what it
     * sees under the new ones: a scan of the positions, as befits configuration.
     */
    private void applyChannelRule(final int channel, final int sku, final int location, final long rule)
    {
        addSeen(channel, sku, location, -1);
        ruleCount++;
        if (ChannelRules.sharePercent(rule) < 100 && (fencedChannels & (1L << channel)) == 0)
        {
            fencedChannels |= 1L << channel;
            rebuildUsage(channel);
        }
        if (sku >= 0)
        {
            skuRule.put((long)sku * channelCapacity + channel, rule);
        }
        else if (location >= 0)
        {
            locationRule[location * channelCapacity + channel] = rule;
        }
        else
        {
            channelRule[channel] = rule;
        }
        addSeen(channel, sku, location, 1);
    }

    /** Adds (sign 1) or removes (sign -1) what the channel sees at each position in a rule's scope. */
    private void addSeen(final int channel, final int sku, final int location, final int sign)
    {
        final long bit = 1L << channel;
        for (int position = 0; position < positionCount; position++)
        {
            final int at = locationOf(position);
            if ((locationChannels[at] & bit) != 0 && (sku < 0 || skuOf(position) == sku) &&
                (location < 0 || at == location))
            {
                channelPromise[promiseIndex(skuOf(position), channel)] += sign * seen(channel, position, 0);
            }
        }
    }

    /** Counts what a newly fenced channel holds or has committed per position, from its open reservations. */
    private void rebuildUsage(final int channel)
    {
        for (int reservation = 0; reservation < reservationPool.used(); reservation++)
        {
            final int state = stateOf(reservation);
            if (channelOf(reservation) == channel &&
                (state == ReservationState.HELD.code() || state == ReservationState.COMMITTED.code()))
            {
                final int base = reservation * linesMax;
                for (int i = 0; i < lineCountOf(reservation); i++)
                {
                    addUsage(linePositionOf(base + i), channel, lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED]);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Prices and promotions
    // ------------------------------------------------------------------------------------------------------

    private int setPrice(final CommandSlot slot, final long payloadHash)
    {
        final int amountCode = notNegativeCode(slot.quantity, Limits.PRICE_MAX);
        if (amountCode != OK)
        {
            return amountCode;
        }
        final int sku = skuIndex.get(slot.sku);
        if (sku < 0)
        {
            return UNKNOWN_SKU;
        }
        final int location = slot.location.isEmpty() ? -1 : locationIndex.get(slot.location);
        if (!slot.location.isEmpty() && location < 0)
        {
            return UNKNOWN_LOCATION;
        }
        outcome(EventType.PRICE_SET, slot, payloadHash).sku(sku).location(location).quantity(slot.quantity).end();
        applyPriceSet(sku, location, slot.quantity);
        return OK;
    }

    private void applyPriceSet(final int sku, final int location, final long price)
    {
        if (location < 0)
        {
            bookPrice[sku] = price;
        }
        else
        {
            localPrice.put(positionKey(sku, location), price);
        }
    }

    private int definePromotion(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (!ChannelRules.isPercent(slot.priority) || slot.untilMs <= slot.fromMs)
        {
            return INVALID_ARGUMENT;
        }
        final int amountCode = notNegativeCode(slot.quantity, Limits.PRICE_MAX);
        if (amountCode != OK)
        {
            return amountCode;
        }
        final int sku = slot.sku.isEmpty() ? -1 : skuIndex.get(slot.sku);
        if (!slot.sku.isEmpty() && sku < 0)
        {
            return UNKNOWN_SKU;
        }
        final int channel = slot.channel.isEmpty() ? -1 : channelIndex.get(slot.channel);
        if (!slot.channel.isEmpty() && channel < 0)
        {
            return UNKNOWN_CHANNEL;
        }
        if (promotionIndex.get(slot.reference) < 0 && promotionCount == promotionIndex.capacity() &&
            firstEndedPromotion() < 0)
        {
            return PROMOTION_CAPACITY_EXHAUSTED;
        }
        outcome(EventType.PROMOTION_DEFINED, slot, payloadHash).sku(sku).channel(channel).quantity(slot.quantity)
            .variance(slot.fromMs).deadlineMs(slot.untilMs).locationAttributes(0, slot.priority, 0, 0).end();
        applyPromotionDefined(slot.reference, sku, channel, slot.fromMs, slot.untilMs, slot.priority, slot.quantity);
        return OK;
    }

    private void applyPromotionDefined(final AsciiKey id, final int sku, final int channel, final long startMs,
        final long endMs, final int percent, final long amount)
    {
        int promotion = promotionIndex.get(id);
        if (promotion < 0 && promotionCount == promotionIndex.capacity())
        {
            // the table is full: the first promotion that has ended gives its slot to the new one
            promotion = firstEndedPromotion();
            promotionIndex.removeValue(promotion);
            promotionIndex.put(id, promotion);
            promotionNames[promotion] = id.toString();
        }
        else if (promotion < 0)
        {
            promotion = promotionCount++;
            promotionIndex.put(id, promotion);
            promotionNames[promotion] = id.toString();
        }
        promotionSku[promotion] = sku;
        promotionChannel[promotion] = channel;
        promotionStartMs[promotion] = startMs;
        promotionEndMs[promotion] = endMs;
        promotionPercent[promotion] = percent;
        promotionAmount[promotion] = amount;
    }

    /** @return the lowest-numbered promotion whose window ended by engine time, or -1. */
    private int firstEndedPromotion()
    {
        for (int promotion = 0; promotion < promotionCount; promotion++)
        {
            if (promotionEndMs[promotion] <= nowMs)
            {
                return promotion;
            }
        }
        return -1;
    }

    /** @return the unit price the pricing adapter gives a line now, or -1. */
    private long priceOf(final int sku, final int location, final int channel, final long quantity)
    {
        return quote.price(sku, location, channel, quantity);
    }

    // ------------------------------------------------------------------------------------------------------
    // Positions
    // ------------------------------------------------------------------------------------------------------

    private static long positionKey(final int sku, final int location)
    {
        return ((long)sku << 32) | (location & 0xFFFF_FFFFL);
    }

    /** @return the index of the position's record in {@link #positions}. */
    private static int pos(final int position)
    {
        return RECORD_BASE + (position << POSITION_SHIFT);
    }

    /** @return the index of the reservation's header in {@link #reservations}. */
    private static int res(final int reservation)
    {
        return RECORD_BASE + (reservation << RESERVATION_SHIFT);
    }

    /** @return the index of line number {@code line} ({@code reservation * linesMax + i}) in {@link #lines}. */
    private static int line(final int line)
    {
        return RECORD_BASE + (line << LINE_SHIFT);
    }

    private int skuOf(final int position)
    {
        return (int)(positions[pos(position) + KEY] >>> 32);
    }

    private int locationOf(final int position)
    {
        return (int)positions[pos(position) + KEY];
    }

    private int stateOf(final int reservation)
    {
        return (int)reservations[res(reservation) + STATE];
    }

    private int channelOf(final int reservation)
    {
        return (int)reservations[res(reservation) + CHANNEL];
    }

    private int fulfilmentOf(final int reservation)
    {
        return (int)reservations[res(reservation) + FULFILMENT];
    }

    private int lineCountOf(final int reservation)
    {
        return (int)reservations[res(reservation) + LINE_COUNT];
    }

    private int linePositionOf(final int line)
    {
        return (int)lines[line(line) + POSITION];
    }

    /** @return a line's POSITION field: the position number, its SKU in the high 32 bits. */
    private long lineEntry(final int position)
    {
        return ((long)skuOf(position) << 32) | position;
    }

    /**
     * Reads, ahead of looking a position up, its table slot and its SKU's channel row (where the ATP of
     * {@code channel} is), which do not depend on each other.
     *
     * @return bits of what was read, meaning nothing.
     */
    private long readAheadPosition(final int sku, final int location, final int channel)
    {
        return positionIndex.prefetch(sku, location) + channelPromise[promiseIndex(sku, channel)];
    }

    /**
     * Reads, ahead of using a reservation line, its position's record and its SKU's channel row, both named by the
     * line's POSITION field, so neither read waits for the other.
     *
     * @return bits of what was read, meaning nothing.
     */
    private long readAheadLine(final long entry)
    {
        return touchPosition((int)entry) + channelPromise[promiseIndex((int)(entry >>> 32), 0)];
    }

    /**
     * Reads ahead, for each line of a reservation, its position's record and its SKU's channel row: the line holds
     * the SKU beside the position, so the two reads do not wait for each other and their cache misses, and every
     * line's, overlap instead of stalling a release or expiry one after another. Only for commands that go on to
     * use both: a read nothing needs still holds up the instructions behind it until its miss is served (a
     * fulfilment leaves available, and so the channel rows, unchanged, and measured slower with it).
     */
    private void readAheadLines(final int reservation)
    {
        long bits = 0;
        final int base = reservation * linesMax;
        for (int i = 0; i < lineCountOf(reservation); i++)
        {
            bits += readAheadLine(lines[line(base + i) + POSITION]);
        }
        prefetched += bits;
    }

    private int findPosition(final int sku, final int location)
    {
        return positionIndex.get(sku, location);
    }

    private int createPosition(final int sku, final int location)
    {
        final int position = positionCount++;
        positions[pos(position) + KEY] = positionKey(sku, location);
        positionIndex.add(position);
        return position;
    }

    private int findOrCreatePosition(final int sku, final int location)
    {
        final int position = findPosition(sku, location);
        return position >= 0 ? position : createPosition(sku, location);
    }

    private boolean canCreatePosition(final int sku, final int location)
    {
        return findPosition(sku, location) >= 0 || positionCount < positionCapacity;
    }

    private long free(final int position)
    {
        return positions[pos(position) + ON_HAND] - positions[pos(position) + RESERVED] - positions[pos(position) + COMMITTED] - unsellable(position);
    }

    private long availableAt(final int position)
    {
        final long free = free(position);
        return free <= 0 ? free : free - Math.min(cold.get(position, COLD_SAFETY_STOCK), free);
    }

    /** Units on hand that no one can sell: damaged and quarantined. One read of a cached reference for most positions. */
    private long unsellable(final int position)
    {
        final long[] chunk = cold.chunkOf(position);
        if (chunk == null)
        {
            return 0;
        }
        final int at = cold.offset(position);
        return chunk[at + COLD_DAMAGED] + chunk[at + COLD_QUARANTINED];
    }

    private long promise(final int position)
    {
        return Math.max(0, availableAt(position));
    }

    /** Units on the shelf whoever holds them: what a ring-fence takes its share of. */
    private long shelf(final int position)
    {
        return positions[pos(position) + ON_HAND] - unsellable(position);
    }

    private long ruleOf(final int sku, final int location, final int channel)
    {
        if (!skuRule.isEmpty())
        {
            final long rule = skuRule.getIfAbsent((long)sku * channelCapacity + channel, 0);
            if (rule != 0)
            {
                return rule;
            }
        }
        final long rule = locationRule[location * channelCapacity + channel];
        return rule != 0 ? rule : channelRule[channel];
    }

    private long usage(final int position, final int channel)
    {
        return channelUsage.getIfAbsent(usageKey(position, channel), 0);
    }

    /**
     * Keys of the primitive maps that are emptied again and again are kept above 1: Eclipse Collections keeps
     * keys 0 and 1 in a side object it allocates on first use after they were removed, which would allocate per
     * command.
     */
    private static final long MAP_KEY_OFFSET = 2;

    private long usageKey(final int position, final int channel)
    {
        return (long)position * channelCapacity + channel + MAP_KEY_OFFSET;
    }

    private void addUsage(final int position, final int channel, final long units)
    {
        if ((fencedChannels & (1L << channel)) != 0)
        {
            final long key = usageKey(position, channel);
            final long total = channelUsage.getIfAbsent(key, 0) + units;
            if (total == 0)
            {
                channelUsage.remove(key);
            }
            else
            {
                channelUsage.put(key, total);
            }
        }
    }

    /**
     * What a channel may take at a position (see {@code SetChannelRule}): available after safety stock, less the
     * channel's buffer, capped by its ring-fence, never negative.
     *
     * @param pendingUnits units the command being decided already takes at the position for the same channel.
     */
    private long seen(final int channel, final int position, final long pendingUnits)
    {
        final long available = availableAt(position) - pendingUnits;
        if (available <= 0)
        {
            return 0;
        }
        final long rule = ruleCount == 0 ? 0 : ruleOf(skuOf(position), locationOf(position), channel);
        if (rule == 0)
        {
            return available;
        }
        final int bufferPercent = ChannelRules.bufferPercent(rule);
        final long buffer = Math.max(ChannelRules.bufferUnits(rule), (available * bufferPercent + 99) / 100);
        long seen = available - buffer;
        final int sharePercent = ChannelRules.sharePercent(rule);
        if (sharePercent < 100)
        {
            final long fence = Math.max(0, shelf(position)) * sharePercent / 100 - usage(position, channel) - pendingUnits;
            seen = Math.min(seen, fence);
        }
        return Math.max(0, seen);
    }

    /** Before a position changes: remembers what each of its channels sees (see {@link #seenChanged}). */
    private void captureSeen(final int position)
    {
        if (deciding)
        {
            noteLevels(position);
        }
        if (ruleCount == 0)
        {
            promiseBefore = promise(position);
            return;
        }
        long channels = locationChannels[locationOf(position)];
        while (channels != 0)
        {
            final int channel = Long.numberOfTrailingZeros(channels);
            seenBefore[channel] = seen(channel, position, 0);
            channels &= channels - 1;
        }
    }

    /** After a position changed: moves each channel's available-to-promise of the SKU by what it sees more or less. */
    private void seenChanged(final int position)
    {
        long channels = locationChannels[locationOf(position)];
        final int base = promiseIndex(skuOf(position), 0);
        if (ruleCount == 0)
        {
            final long delta = promise(position) - promiseBefore;
            while (delta != 0 && channels != 0)
            {
                channelPromise[base + Long.numberOfTrailingZeros(channels)] += delta;
                channels &= channels - 1;
            }
            return;
        }
        while (channels != 0)
        {
            final int channel = Long.numberOfTrailingZeros(channels);
            channelPromise[base + channel] += seen(channel, position, 0) - seenBefore[channel];
            channels &= channels - 1;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Thresholds: each command's net crossings, reported after its other events
    // ------------------------------------------------------------------------------------------------------

    private void startThresholds()
    {
        deciding = thresholds;
        if (deciding && ++touchStamp == 0)
        {
            java.util.Arrays.fill(positionTouched, 0);
            java.util.Arrays.fill(promiseTouched, 0);
            touchStamp = 1;
        }
    }

    /** Remembers a position's available and its channels' ATP before the command first changes it. */
    private void noteLevels(final int position)
    {
        if (positionTouched[position] != touchStamp)
        {
            positionTouched[position] = touchStamp;
            final long key = positionKey(skuOf(position), locationOf(position));
            touchedPositions.add(key);
            positionLevelBefore[position] = promise(position);
        }
        final int base = promiseIndex(skuOf(position), 0);
        for (long channels = locationChannels[locationOf(position)]; channels != 0; channels &= channels - 1)
        {
            noteChannelLevel(base + Long.numberOfTrailingZeros(channels));
        }
    }

    /** Remembers a SKU's ATP in a channel before the command first changes it (at {@link #promiseIndex}). */
    private void noteChannelLevel(final int index)
    {
        if (deciding && promiseTouched[index] != touchStamp)
        {
            promiseTouched[index] = touchStamp;
            touchedPromises.add(index);
            promiseLevelBefore[index] = channelPromise[index];
        }
    }

    /**
     * Records one THRESHOLD_CROSSED event per level the command moved across a threshold, comparing the level
     * before the command with the level after it: positions first, then channels' ATP, each by SKU then location
     * or channel index, so the order does not depend on the order of the changes.
     */
    private void finishThresholds(final CommandSlot slot)
    {
        if (!deciding)
        {
            return;
        }
        deciding = false;
        touchedPositions.sortThis();
        for (int i = 0; i < touchedPositions.size(); i++)
        {
            final long key = touchedPositions.get(i);
            final int sku = (int)(key >>> 32);
            final int location = (int)key;
            final int position = findPosition(sku, location);
            reportCrossing(slot, sku, location, -1, positionLevelBefore[position], promise(position), positionLowUnits);
        }
        touchedPromises.sortThis();
        for (int i = 0; i < touchedPromises.size(); i++)
        {
            final int index = (int)touchedPromises.get(i);
            reportCrossing(slot, index / promiseRow, -1, index % promiseRow, promiseLevelBefore[index],
                channelPromise[index], channelLowUnits);
        }
        touchedPositions.clear();
        touchedPromises.clear();
    }

    private void reportCrossing(final CommandSlot slot, final int sku, final int location, final int channel,
        final long before, final long after, final long lowUnits)
    {
        final StockThreshold crossed =
            lowUnits < 0 ? null : StockThreshold.crossed(before, after, lowUnits);
        if (crossed != null)
        {
            codec.begin(EventType.THRESHOLD_CROSSED.code(), slot.typeCode, ++sequence, nowMs, slot.key, null)
                .kind(crossed.code()).sku(sku).location(location).channel(channel).quantity(after).variance(before).end();
        }
    }

    private void reportOversell(final CommandSlot slot, final int position, final long freeBefore)
    {
        final long free = free(position);
        if (free < 0 && free < freeBefore)
        {
            codec.begin(EventType.OVERSOLD.code(), slot.typeCode, ++sequence, nowMs, slot.key, null)
                .sku(skuOf(position))
                .location(locationOf(position))
                .quantity(-free)
                .end();
        }
    }

    private static boolean isQuantity(final long quantity)
    {
        return quantity > 0 && quantity <= Limits.QUANTITY_MAX;
    }

    /** @return OK for 0..max, else INVALID_QUANTITY (negative) or QUANTITY_OVERFLOW. */
    private static int notNegativeCode(final long value, final long max)
    {
        return value < 0 ? INVALID_QUANTITY : value > max ? QUANTITY_OVERFLOW : OK;
    }

    private static int quantityCode(final long quantity)
    {
        return quantity > Limits.QUANTITY_MAX ? QUANTITY_OVERFLOW : INVALID_QUANTITY;
    }

    private static boolean fits(final long total)
    {
        return total <= Limits.QUANTITY_MAX;
    }

    // ------------------------------------------------------------------------------------------------------
    // Movements without a reservation
    // ------------------------------------------------------------------------------------------------------

    private int skuAndLocation(final CommandSlot slot)
    {
        final int sku = skuIndex.get(slot.sku);
        if (sku < 0)
        {
            return UNKNOWN_SKU;
        }
        final int location = locationIndex.get(slot.location);
        if (location < 0)
        {
            return UNKNOWN_LOCATION;
        }
        // the position's table slot and the SKU's channel row, which most callers go on to use, read together
        prefetched += readAheadPosition(sku, location, 0);
        scratchPosition[0] = sku;
        scratchLocation[0] = location;
        return OK;
    }

    private int receive(final CommandSlot slot, final long payloadHash)
    {
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        final int existing = findPosition(sku, location);
        if (existing >= 0 && !fits(positions[pos(existing) + ON_HAND] + slot.quantity))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final int position = findOrCreatePosition(sku, location);
        final long settled = Math.min(incoming.get(position, 0), slot.quantity);
        applyReceived(position, slot.quantity, settled);
        outcome(EventType.RECEIVED, slot, payloadHash).positionHint(position)
            .sku(sku).location(location).quantity(slot.quantity).variance(settled).end();
        return OK;
    }

    private void applyReceived(final int position, final long quantity, final long settled)
    {
        captureSeen(position);
        positions[pos(position) + ON_HAND] += quantity;
        incoming.add(position, 0, -settled);
        seenChanged(position);
    }

    private int expectReceipt(final CommandSlot slot, final long payloadHash)
    {
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        final int existing = findPosition(sku, location);
        if (existing >= 0 && !fits(incoming.get(existing, 0) + slot.quantity))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        ensureChunk(incoming, existing);
        incoming.add(findOrCreatePosition(sku, location), 0, slot.quantity);
        outcome(EventType.RECEIPT_EXPECTED, slot, payloadHash)
            .sku(sku).location(location).quantity(slot.quantity).end();
        return OK;
    }

    private int adjust(final CommandSlot slot, final long payloadHash)
    {
        final long delta = slot.quantity;
        if (delta == 0 || delta < -Limits.QUANTITY_MAX || delta > Limits.QUANTITY_MAX)
        {
            return delta == 0 ? INVALID_QUANTITY : QUANTITY_OVERFLOW;
        }
        final StockBucket bucket = StockBucket.fromCode(slot.kind);
        if (bucket == null || AdjustmentReason.fromCode(slot.reason) == null)
        {
            return INVALID_ARGUMENT;
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        final int existing = findPosition(sku, location);
        if (delta < 0)
        {
            if (existing < 0 || !canRemove(existing, bucket, -delta))
            {
                return INSUFFICIENT_ON_HAND;
            }
        }
        else if (existing >= 0 && !fits(positions[pos(existing) + ON_HAND] + delta))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        if (isCold(bucket))
        {
            ensureChunk(cold, existing);
        }
        final int position = findOrCreatePosition(sku, location);
        final long freeBefore = free(position);
        applyIntoBucket(position, delta, bucket);
        outcome(EventType.ADJUSTED, slot, payloadHash).positionHint(position)
            .sku(sku).location(location).quantity(delta).kind(slot.kind).reason(slot.reason).end();
        reportOversell(slot, position, freeBefore);
        return OK;
    }

    /** Adds (or with a negative delta removes) units on hand in a bucket: adjustments and returns. */
    private void applyIntoBucket(final int position, final long delta, final StockBucket bucket)
    {
        captureSeen(position);
        positions[pos(position) + ON_HAND] += delta;
        if (bucket == StockBucket.DAMAGED)
        {
            cold.add(position, COLD_DAMAGED, delta);
        }
        else if (bucket == StockBucket.QUARANTINED)
        {
            cold.add(position, COLD_QUARANTINED, delta);
        }
        seenChanged(position);
    }

    private static boolean isCold(final StockBucket bucket)
    {
        return bucket == StockBucket.DAMAGED || bucket == StockBucket.QUARANTINED;
    }

    /**
     * Allocates the chunk of per-position values a command is about to write, before the command changes anything:
     * if allocating it fails, no position has been created or changed without its event.
     *
     * @param values   the chunked values.
     * @param existing the position written, or -1 when the command will create it (it then gets the next number).
     */
    private void ensureChunk(final ChunkedLongs values, final int existing)
    {
        values.ensure(existing >= 0 ? existing : positionCount);
    }

    private boolean canRemove(final int position, final StockBucket bucket, final long units)
    {
        switch (bucket)
        {
            case DAMAGED: return cold.get(position, COLD_DAMAGED) >= units;
            case QUARANTINED: return cold.get(position, COLD_QUARANTINED) >= units;
            default: return shelf(position) >= units;
        }
    }

    private int count(final CommandSlot slot, final long payloadHash)
    {
        final int amountCode = notNegativeCode(slot.quantity, Limits.QUANTITY_MAX);
        if (amountCode != OK)
        {
            return amountCode;
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        final int existing = findPosition(sku, location);
        if (existing >= 0 && !fits(slot.quantity + unsellable(existing)))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final int position = findOrCreatePosition(sku, location);
        final long freeBefore = free(position);
        final long shelfBefore = shelf(position);
        applyCounted(position, slot.quantity);
        outcome(EventType.COUNTED, slot, payloadHash).positionHint(position)
            .sku(sku).location(location).quantity(slot.quantity).variance(slot.quantity - shelfBefore).end();
        reportOversell(slot, position, freeBefore);
        return OK;
    }

    private void applyCounted(final int position, final long count)
    {
        captureSeen(position);
        positions[pos(position) + ON_HAND] = count + unsellable(position);
        seenChanged(position);
    }

    private int setSafetyStock(final CommandSlot slot, final long payloadHash)
    {
        final int amountCode = notNegativeCode(slot.quantity, Limits.QUANTITY_MAX);
        if (amountCode != OK)
        {
            return amountCode;
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        if (slot.quantity != 0)
        {
            ensureChunk(cold, findPosition(sku, location));
        }
        applySafetyStock(findOrCreatePosition(sku, location), slot.quantity);
        outcome(EventType.SAFETY_STOCK_SET, slot, payloadHash)
            .sku(sku).location(location).quantity(slot.quantity).end();
        return OK;
    }

    private void applySafetyStock(final int position, final long quantity)
    {
        captureSeen(position);
        cold.set(position, COLD_SAFETY_STOCK, quantity);
        seenChanged(position);
    }

    private int sell(final CommandSlot slot, final long payloadHash)
    {
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final int channel = channelIndex.get(slot.channel);
        if (channel < 0)
        {
            return UNKNOWN_CHANNEL;
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        if ((locationChannels[location] & (1L << channel)) == 0)
        {
            return LOCATION_NOT_IN_CHANNEL;
        }
        prefetched += bookPrice[sku];
        final int position = findPosition(sku, location);
        if (position < 0 || !canRemove(position, StockBucket.SELLABLE, slot.quantity))
        {
            return failLine(slot, INSUFFICIENT_ON_HAND, 0,
                position < 0 ? 0 : shelf(position));
        }
        final long freeBefore = free(position);
        applyIntoBucket(position, -slot.quantity, StockBucket.SELLABLE);
        outcome(EventType.SOLD, slot, payloadHash).positionHint(position).channel(channel).sku(sku).location(location).quantity(slot.quantity)
            .variance(priceOf(sku, location, channel, slot.quantity)).end();
        reportOversell(slot, position, freeBefore);
        return OK;
    }

    private int transferOut(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int from = scratchLocation[0];
        final int to = locationIndex.get(slot.toLocation);
        if (to < 0)
        {
            return UNKNOWN_LOCATION;
        }
        if (to == from)
        {
            return SAME_LOCATION;
        }
        if (transferIndex.get(slot.reference) >= 0)
        {
            return KEY_IN_USE;
        }
        final int source = findPosition(sku, from);
        final long available = source < 0 ? 0 : availableAt(source);
        if (available < slot.quantity)
        {
            return failLine(slot, INSUFFICIENT_STOCK, 0, Math.max(0, available));
        }
        final int existingTarget = findPosition(sku, to);
        if (existingTarget >= 0 && !fits(cold.get(existingTarget, COLD_IN_TRANSIT) + slot.quantity))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, to))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        if (!transferPool.hasSpace())
        {
            return TRANSFER_CAPACITY_EXHAUSTED;
        }
        ensureChunk(cold, existingTarget);
        applyTransferShipped(slot.reference, sku, from, to, slot.quantity);
        outcome(EventType.TRANSFER_SHIPPED, slot, payloadHash)
            .sku(sku).location(from).toLocation(to).quantity(slot.quantity).end();
        return OK;
    }

    private void applyTransferShipped(final AsciiKey id, final int sku, final int from, final int to, final long quantity)
    {
        if (transferPool.nextIsRecycled())
        {
            transferIndex.removeValue(transferPool.peekRetired());
        }
        final int transfer = transferPool.acquire();
        transferIndex.put(id, transfer);
        transferState[transfer] = TRANSFER_OPEN;
        transferSku[transfer] = sku;
        transferFrom[transfer] = from;
        transferTo[transfer] = to;
        transferShipped[transfer] = quantity;
        transferReceived[transfer] = 0;
        final int target = findOrCreatePosition(sku, to);
        applyIntoBucket(findPosition(sku, from), -quantity, StockBucket.SELLABLE);
        cold.add(target, COLD_IN_TRANSIT, quantity);
    }

    private int transferIn(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final int transfer = transferIndex.get(slot.reference);
        if (transfer < 0)
        {
            return UNKNOWN_TRANSFER;
        }
        if (transferState[transfer] != TRANSFER_OPEN)
        {
            return TRANSFER_COMPLETE;
        }
        final long outstanding = transferShipped[transfer] - transferReceived[transfer];
        if (slot.quantity > outstanding)
        {
            return failLine(slot, OVER_RECEIPT, 0, outstanding);
        }
        final int position = findPosition(transferSku[transfer], transferTo[transfer]);
        if (!fits(positions[pos(position) + ON_HAND] + slot.quantity))
        {
            return QUANTITY_OVERFLOW;
        }
        final long remaining = outstanding - slot.quantity;
        outcome(EventType.TRANSFER_RECEIVED, slot, payloadHash)
            .sku(transferSku[transfer]).location(transferTo[transfer]).quantity(slot.quantity).variance(remaining)
            .end();
        applyTransferReceived(transfer, slot.quantity);
        return OK;
    }

    private void applyTransferReceived(final int transfer, final long quantity)
    {
        final int position = findPosition(transferSku[transfer], transferTo[transfer]);
        cold.add(position, COLD_IN_TRANSIT, -quantity);
        applyIntoBucket(position, quantity, StockBucket.SELLABLE);
        transferReceived[transfer] += quantity;
        if (transferReceived[transfer] == transferShipped[transfer])
        {
            transferState[transfer] = TRANSFER_COMPLETE_STATE;
            transferPool.retire(transfer);
        }
    }

    private int returnGoods(final CommandSlot slot, final long payloadHash)
    {
        if (!isQuantity(slot.quantity))
        {
            return quantityCode(slot.quantity);
        }
        final Disposition disposition = Disposition.fromCode(slot.kind);
        if (disposition == null)
        {
            return INVALID_ARGUMENT;
        }
        final int channel = channelIndex.get(slot.channel);
        if (channel < 0)
        {
            return UNKNOWN_CHANNEL;
        }
        final int code = skuAndLocation(slot);
        if (code != OK)
        {
            return code;
        }
        final int sku = scratchPosition[0];
        final int location = scratchLocation[0];
        if (!LocationCapability.has(locationCapabilities[location], LocationCapability.RETURNS))
        {
            return RETURNS_NOT_ACCEPTED;
        }
        final int existing = findPosition(sku, location);
        if (existing >= 0 && !fits(positions[pos(existing) + ON_HAND] + slot.quantity))
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreatePosition(sku, location))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        if (isCold(bucketOf(disposition)))
        {
            ensureChunk(cold, existing);
        }
        applyIntoBucket(findOrCreatePosition(sku, location), slot.quantity, bucketOf(disposition));
        outcome(EventType.RETURNED, slot, payloadHash)
            .channel(channel).sku(sku).location(location).quantity(slot.quantity).kind(slot.kind).end();
        return OK;
    }

    private static StockBucket bucketOf(final Disposition disposition)
    {
        switch (disposition)
        {
            case DAMAGED: return StockBucket.DAMAGED;
            case QUARANTINE: return StockBucket.QUARANTINED;
            default: return StockBucket.SELLABLE;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Reservations
    // ------------------------------------------------------------------------------------------------------

    private int reserve(final CommandSlot slot, final long payloadHash)
    {
        final int channel = channelIndex.get(slot.channel);
        final int code = validateReservation(slot, channel);
        if (code != OK)
        {
            return code;
        }
        final int count = slot.lineCount;
        takeCount = 0;
        boolean sourced = false;
        for (int i = 0; i < count; i++)
        {
            if (scratchLocation[i] < 0)
            {
                sourced = true;
                continue;
            }
            final long quantity = slot.lineQuantity[i];
            final int position = findPosition(scratchSku[i], scratchLocation[i]);
            final long available = position < 0 ? 0 : seen(channel, position, taken(position));
            if (available < quantity)
            {
                return failLine(slot, INSUFFICIENT_STOCK, i, Math.max(0, available));
            }
            addTake(i, position, quantity);
        }
        if (sourced)
        {
            final int sourcingCode = sourcing.run(slot, channel);
            if (sourcingCode != OK)
            {
                return sourcingCode;
            }
        }
        orderTakesByLine();
        final long deadlineMs = nowMs + slot.quantity;
        final EventCodec event = outcome(EventType.RESERVED, slot, payloadHash)
            .channel(channel)
            .kind(slot.kind)
            .deadlineMs(deadlineMs)
            .reservationState(ReservationState.HELD.code());
        if (slot.destination || !slot.location.isEmpty())
        {
            event.location(locationIndex.get(slot.location))
                .locationAttributes(slot.destination ? 1 : 0, 0, slot.latitudeMicros, slot.longitudeMicros);
        }
        for (int i = 0; i < takeCount; i++)
        {
            final int position = takePosition[i];
            takePrice[i] = priceOf(skuOf(position), locationOf(position), channel, takeQuantity[i]);
            event.line(skuOf(position), locationOf(position), takeQuantity[i], takePrice[i]);
        }
        event.end();
        final int reservation = applyReserved(slot.reference, channel, slot.kind, deadlineMs, slot.sequence, takeCount,
            takePosition, takeQuantity, takePrice);
        reportLines(slot, reservation);
        return OK;
    }

    /** @return units this reservation already takes at the position (named lines and sourced takes so far). */
    private long taken(final int position)
    {
        long units = 0;
        for (int i = 0; i < takeCount; i++)
        {
            units += takePosition[i] == position ? takeQuantity[i] : 0;
        }
        return units;
    }

    /** Records that the reservation holds units of a request line at a position, merging repeats. */
    private void addTake(final int line, final int position, final long quantity)
    {
        for (int i = 0; i < takeCount; i++)
        {
            if (takeLine[i] == line && takePosition[i] == position)
            {
                takeQuantity[i] += quantity;
                return;
            }
        }
        takeLine[takeCount] = line;
        takePosition[takeCount] = position;
        takeQuantity[takeCount] = quantity;
        takeCount++;
    }

    /** The reservation's lines in request order (a split line's parts stay in the order they were taken). */
    private void orderTakesByLine()
    {
        for (int i = 1; i < takeCount; i++)
        {
            final int line = takeLine[i];
            final int position = takePosition[i];
            final long quantity = takeQuantity[i];
            int j = i - 1;
            while (j >= 0 && takeLine[j] > line)
            {
                takeLine[j + 1] = takeLine[j];
                takePosition[j + 1] = takePosition[j];
                takeQuantity[j + 1] = takeQuantity[j];
                j--;
            }
            takeLine[j + 1] = line;
            takePosition[j + 1] = position;
            takeQuantity[j + 1] = quantity;
        }
    }

    private int applyReserved(
        final AsciiKey id,
        final int channel,
        final int fulfilment,
        final long deadlineMs,
        final long eventSequence,
        final int count,
        final int[] takePositions,
        final long[] quantities,
        final long[] prices)
    {
        if (reservationPool.nextIsRecycled())
        {
            reservationIndex.removeValue(reservationPool.peekRetired());
        }
        final int reservation = reservationPool.acquire();
        reservationIndex.put(id, reservation);
        reservations[res(reservation) + STATE] = (byte)ReservationState.HELD.code();
        reservations[res(reservation) + CHANNEL] = channel;
        reservations[res(reservation) + FULFILMENT] = (byte)fulfilment;
        reservations[res(reservation) + CREATED_MS] = nowMs;
        reservations[res(reservation) + DEADLINE_MS] = deadlineMs;
        reservations[res(reservation) + SEQUENCE] = eventSequence;
        reservations[res(reservation) + LINE_COUNT] = count;
        final int base = reservation * linesMax;
        for (int i = 0; i < count; i++)
        {
            final int position = takePositions[i];
            final long quantity = quantities[i];
            captureSeen(position);
            positions[pos(position) + RESERVED] += quantity;
            addUsage(position, channel, quantity);
            seenChanged(position);
            lines[line(base + i) + POSITION] = lineEntry(position);
            lines[line(base + i) + QUANTITY] = quantity;
            lines[line(base + i) + FULFILLED] = 0;
            lines[line(base + i) + PRICE] = prices[i];
        }
        expiries.add(reservation, deadlineMs, eventSequence);
        return reservation;
    }

    /** @param channel the command's channel index, or -1 when unknown (checked in its turn). */
    private int validateReservation(final CommandSlot slot, final int channel)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (FulfilmentType.fromCode(slot.kind) == null)
        {
            return INVALID_ARGUMENT;
        }
        if (slot.quantity < 1 || slot.quantity > holdMaxMs || nowMs > Long.MAX_VALUE - slot.quantity)
        {
            return INVALID_HOLD_DURATION;
        }
        final int count = slot.lineCount;
        if (count == 0)
        {
            return EMPTY;
        }
        if (count > linesMax)
        {
            return TOO_MANY_LINES;
        }
        if (channel < 0)
        {
            return UNKNOWN_CHANNEL;
        }
        for (int i = 0; i < count; i++)
        {
            final int code = validateLine(slot, channel, i);
            if (code != OK)
            {
                return failLine(slot, code, i, -1);
            }
        }
        final int destinationCode = validateDestination(slot, channel);
        if (destinationCode != OK)
        {
            return destinationCode;
        }
        if (reservationIndex.get(slot.reference) >= 0)
        {
            return KEY_IN_USE;
        }
        return reservationPool.hasSpace() ? OK : RESERVATION_CAPACITY_EXHAUSTED;
    }

    private int validateLine(final CommandSlot slot, final int channel, final int line)
    {
        final int sku = skuIndex.get(slot.lineSku[line]);
        if (sku < 0)
        {
            return UNKNOWN_SKU;
        }
        if (!isQuantity(slot.lineQuantity[line]))
        {
            return quantityCode(slot.lineQuantity[line]);
        }
        int location = -1;
        if (!slot.lineLocation[line].isEmpty())
        {
            location = locationIndex.get(slot.lineLocation[line]);
            if (location < 0)
            {
                return UNKNOWN_LOCATION;
            }
            if ((locationChannels[location] & (1L << channel)) == 0)
            {
                return LOCATION_NOT_IN_CHANNEL;
            }
            // the line's next lookups, read ahead so that their cache misses overlap (see prefetch)
            prefetched += readAheadPosition(sku, location, channel) + bookPrice[sku];
        }
        for (int j = 0; j < line; j++)
        {
            if (scratchSku[j] == sku && scratchLocation[j] == location)
            {
                return DUPLICATE_LINE;
            }
        }
        scratchSku[line] = sku;
        scratchLocation[line] = location;
        return OK;
    }

    /** A pickup store must be a pickup location of the channel; coordinates must be on the globe. */
    private int validateDestination(final CommandSlot slot, final int channel)
    {
        if (!slot.location.isEmpty())
        {
            if (slot.kind != FulfilmentType.PICKUP.code())
            {
                return INVALID_ARGUMENT;
            }
            final int store = locationIndex.get(slot.location);
            if (store < 0)
            {
                return UNKNOWN_LOCATION;
            }
            if ((locationChannels[store] & (1L << channel)) == 0)
            {
                return LOCATION_NOT_IN_CHANNEL;
            }
            if (!LocationCapability.has(locationCapabilities[store], LocationCapability.PICKUP))
            {
                return PICKUP_NOT_OFFERED;
            }
        }
        return !slot.destination || isCoordinate(slot.latitudeMicros, slot.longitudeMicros) ? OK : INVALID_ARGUMENT;
    }

    private void reportLines(final CommandSlot slot, final int reservation)
    {
        final int count = lineCountOf(reservation);
        final int base = reservation * linesMax;
        slot.ensureLineCapacity(count);
        for (int i = 0; i < count; i++)
        {
            slot.replyLineLocation[i] = locationOf(linePositionOf(base + i));
        }
        slot.replyLineCount = count;
    }

    private int lifecycleCode(final int reservation, final ReservationState required)
    {
        final ReservationState state = ReservationState.fromCode(stateOf(reservation));
        if (state == required)
        {
            return OK;
        }
        switch (state)
        {
            case EXPIRED: return RESERVATION_EXPIRED;
            case RELEASED: return RESERVATION_RELEASED;
            case FULFILLED: return RESERVATION_FULFILLED;
            case HELD: return RESERVATION_NOT_COMMITTED;
            default: return RESERVATION_NOT_HELD;
        }
    }

    private int findReservation(final CommandSlot slot)
    {
        return slot.reference.isEmpty() ? -1 : reservationIndex.get(slot.reference);
    }

    private int extendHold(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        if (slot.quantity < 1 || slot.quantity > holdMaxMs || nowMs > Long.MAX_VALUE - slot.quantity)
        {
            return INVALID_HOLD_DURATION;
        }
        final int reservation = findReservation(slot);
        if (reservation < 0)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.HELD);
        if (code != OK)
        {
            return code;
        }
        final long deadlineMs = nowMs + slot.quantity;
        outcome(EventType.HOLD_EXTENDED, slot, payloadHash)
            .channel(channelOf(reservation))
            .deadlineMs(deadlineMs)
            .reservationState(ReservationState.HELD.code())
            .end();
        applyHoldExtended(reservation, deadlineMs);
        return OK;
    }

    private void applyHoldExtended(final int reservation, final long deadlineMs)
    {
        reservations[res(reservation) + DEADLINE_MS] = deadlineMs;
        expiries.update(reservation, deadlineMs);
    }

    private int confirm(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        final int reservation = findReservation(slot);
        if (reservation < 0)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.HELD);
        if (code != OK)
        {
            return code;
        }
        outcome(EventType.CONFIRMED, slot, payloadHash)
            .channel(channelOf(reservation))
            .reservationState(ReservationState.COMMITTED.code())
            .end();
        applyConfirmed(reservation);
        return OK;
    }

    private void applyConfirmed(final int reservation)
    {
        final int base = reservation * linesMax;
        for (int i = 0; i < lineCountOf(reservation); i++)
        {
            final int position = linePositionOf(base + i);
            positions[pos(position) + RESERVED] -= lines[line(base + i) + QUANTITY];
            positions[pos(position) + COMMITTED] += lines[line(base + i) + QUANTITY];
        }
        expiries.remove(reservation);
        reservations[res(reservation) + STATE] = (byte)ReservationState.COMMITTED.code();
    }

    private int release(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        final int reservation = findReservation(slot);
        if (reservation < 0)
        {
            return UNKNOWN_RESERVATION;
        }
        final ReservationState state = ReservationState.fromCode(stateOf(reservation));
        if (state != ReservationState.HELD && state != ReservationState.COMMITTED)
        {
            return lifecycleCode(reservation, ReservationState.HELD);
        }
        readAheadLines(reservation);
        final EventCodec event = outcome(EventType.RELEASED, slot, payloadHash)
            .channel(channelOf(reservation))
            .reservationState(ReservationState.RELEASED.code());
        encodeOutstanding(reservation, event);
        event.end();
        applyEnded(reservation, ReservationState.RELEASED);
        return OK;
    }

    private void encodeOutstanding(final int reservation, final EventCodec event)
    {
        final int base = reservation * linesMax;
        for (int i = 0; i < lineCountOf(reservation); i++)
        {
            final int position = linePositionOf(base + i);
            event.line(skuOf(position), locationOf(position), lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED]);
        }
    }

    /** Release or expiry: every outstanding unit goes back to available, and the reservation ends. */
    private void applyEnded(final int reservation, final ReservationState state)
    {
        expiries.remove(reservation);
        final boolean held = stateOf(reservation) == ReservationState.HELD.code();
        final int base = reservation * linesMax;
        for (int i = 0; i < lineCountOf(reservation); i++)
        {
            final int position = linePositionOf(base + i);
            final long outstanding = lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED];
            captureSeen(position);
            if (held)
            {
                positions[pos(position) + RESERVED] -= outstanding;
            }
            else
            {
                positions[pos(position) + COMMITTED] -= outstanding;
            }
            addUsage(position, channelOf(reservation), -outstanding);
            seenChanged(position);
        }
        finish(reservation, state);
    }

    private void finish(final int reservation, final ReservationState state)
    {
        reservations[res(reservation) + STATE] = (byte)state.code();
        reservationPool.retire(reservation);
    }

    private int fulfil(final CommandSlot slot, final long payloadHash)
    {
        if (slot.reference.isEmpty())
        {
            return INVALID_ID;
        }
        final int reservation = findReservation(slot);
        if (reservation < 0)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.COMMITTED);
        if (code != OK)
        {
            return code;
        }
        final int count = lineCountOf(reservation);
        final int base = reservation * linesMax;
        if (!slot.allLines)
        {
            if (slot.lineCount != count)
            {
                return INVALID_ARGUMENT;
            }
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                final long quantity = slot.lineQuantity[i];
                final long outstanding = lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED];
                if (quantity < 0)
                {
                    return failLine(slot, INVALID_QUANTITY, i, -1);
                }
                if (quantity > outstanding)
                {
                    return failLine(slot, OVER_FULFILMENT, i, outstanding);
                }
                total += quantity;
            }
            if (total == 0)
            {
                return INVALID_QUANTITY;
            }
        }
        for (int i = 0; i < count; i++)
        {
            // Physical reality may have taken committed units (a POS sale or a count reported as Oversold): never
            // ship what is not on the shelf, so on hand can never go negative.
            final int position = linePositionOf(base + i);
            long units = 0;
            for (int j = 0; j <= i; j++)
            {
                if (linePositionOf(base + j) == position)
                {
                    units += slot.allLines ? lines[line(base + j) + QUANTITY] - lines[line(base + j) + FULFILLED] : slot.lineQuantity[j];
                }
            }
            if (!canRemove(position, StockBucket.SELLABLE, units))
            {
                return failLine(slot, INSUFFICIENT_ON_HAND, i,
                    shelf(position));
            }
        }
        boolean complete = true;
        final EventCodec event = outcome(EventType.FULFILLED, slot, payloadHash).channel(channelOf(reservation));
        for (int i = 0; i < count; i++)
        {
            final int position = linePositionOf(base + i);
            final long outstanding = lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED];
            final long quantity = slot.allLines ? outstanding : slot.lineQuantity[i];
            scratchQuantity[i] = quantity;
            complete &= quantity == outstanding;
            event.line(skuOf(position), locationOf(position), quantity);
        }
        final ReservationState after = complete ? ReservationState.FULFILLED : ReservationState.COMMITTED;
        event.reservationState(after.code()).end();
        applyFulfilled(reservation, scratchQuantity);
        return OK;
    }

    /** Ships or hands over units of a committed reservation, per line; ends it when nothing is outstanding. */
    private void applyFulfilled(final int reservation, final long[] quantities)
    {
        boolean complete = true;
        final int base = reservation * linesMax;
        for (int i = 0; i < lineCountOf(reservation); i++)
        {
            final int position = linePositionOf(base + i);
            final long quantity = quantities[i];
            captureSeen(position);
            positions[pos(position) + COMMITTED] -= quantity;
            positions[pos(position) + ON_HAND] -= quantity;
            addUsage(position, channelOf(reservation), -quantity);
            seenChanged(position);
            lines[line(base + i) + FULFILLED] += quantity;
            complete &= lines[line(base + i) + FULFILLED] == lines[line(base + i) + QUANTITY];
        }
        if (complete)
        {
            finish(reservation, ReservationState.FULFILLED);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Replay: apply recorded facts
    // ------------------------------------------------------------------------------------------------------

    /**
     * Notes, ahead of {@link #replay}, the table slots replaying a record will probe: its reference's reservation
     * slot, its position's index slot and its SKU's channel ATP row (replay does not probe the idempotency table, see
     * {@link #indexIdempotency()}). A reader offers a group of records, then calls {@link #prefetchGroup()}, which
     * reads all the noted slots in one tight loop, so that their cache misses overlap instead of stalling each
     * record's replay in turn. Nothing here fails or changes what the machine holds or decides (it only marks the
     * idempotency table as left to {@link #indexIdempotency()}, as replay does): a record that cannot be read (too
     * short, not heap-backed) or that does not fit the group is simply not prefetched, and {@link #replay} still
     * checks everything.
     *
     * @param buffer holds the record.
     * @param offset where the record starts.
     */
    public void prefetchRecord(final DirectBuffer buffer, final int offset)
    {
        final byte[] bytes = buffer.byteArray();
        final int keyOffset = offset + EventCodec.HEADER_LENGTH;
        if (bytes == null || offset < 0 || keyOffset + 2 * Limits.ID_LENGTH_MAX > buffer.capacity() ||
            aheadCount == aheadKeyHash.length)
        {
            return;
        }
        final int keyLength = buffer.getByte(offset + EventCodec.KEY_LENGTH_OFFSET);
        final int referenceLength = buffer.getByte(offset + EventCodec.REFERENCE_LENGTH_OFFSET);
        if (keyLength < 0 || keyLength > Limits.ID_LENGTH_MAX || referenceLength < 0 ||
            referenceLength > Limits.ID_LENGTH_MAX)
        {
            return;
        }
        final int arrayOffset = keyOffset + buffer.wrapAdjustment();
        final int i = aheadCount++;
        // replay stores idempotency keys without indexing them (see indexIdempotency): no slot to prefetch
        idempotencyDeferred = true;
        aheadKeyHash[i] = 0;
        aheadReferenceHash[i] = referenceLength > 0 ?
            AsciiKey.computeHash(bytes, arrayOffset + keyLength, referenceLength) : 0;
        final int sku = buffer.getInt(offset + EventCodec.SKU_OFFSET);
        final int location = buffer.getInt(offset + EventCodec.LOCATION_OFFSET);
        aheadSkuHash[i] = 0;
        aheadPosition[i] = sku >= 0 && location >= 0 ? ((long)sku << 32) | location : -1;
        aheadHint[i] = positionHint(buffer, offset);
        aheadSlot[i] = null;
    }

    /**
     * Notes, ahead of {@link #apply}, the table slots deciding a translated command will probe first: its
     * idempotency key's slot, the slot of the key forgotten to make room for it, and for a reservation command its
     * reference's slot and its first line's SKU slot. The pipeline's writer offers every command of a batch it is
     * about to decide, then calls {@link #prefetchGroup()}, so that the batch's first cache misses overlap. Changes
     * no state; a command past the group's room is simply not prefetched.
     *
     * @param slot a translated command, not decided yet.
     */
    public void prefetchCommand(final CommandSlot slot)
    {
        if (aheadCount == aheadKeyHash.length)
        {
            return;
        }
        final int i = aheadCount++;
        final CommandType type = slot.type();
        aheadKeyHash[i] = slot.key.hash();
        aheadReferenceHash[i] = type == CommandType.RESERVE || type == CommandType.RELEASE ||
            type == CommandType.CONFIRM || type == CommandType.FULFIL || type == CommandType.EXTEND_HOLD ?
            slot.reference.hash() : 0;
        aheadSkuHash[i] = type == CommandType.RESERVE && slot.lineCount > 0 ? slot.lineSku[0].hash() : 0;
        aheadPosition[i] = -1;
        aheadHint[i] = -1;
        aheadSlot[i] = slot;
        aheadCommands++;
    }

    /**
     * Reads the slots noted by {@link #prefetchRecord} or {@link #prefetchCommand} since the last call: first every
     * noted slot in one loop, then, for commands, the deeper passes of {@link #prefetchCommandsDeeper()}. Changes
     * no state and throws nothing for any slot contents (a reader or writer that catches a failure here anyway
     * calls {@link #discardPrefetch()} and decides as usual).
     */
    public void prefetchGroup()
    {
        long bits = 0;
        for (int i = 0; i < aheadCount; i++)
        {
            bits += reservationIndex.prefetch(aheadReferenceHash[i]);
            if (!idempotencyDeferred)
            {
                bits += idempotencyIndex.prefetch(aheadKeyHash[i]) +
                    idempotencyIndex.prefetchValue((idempotencyHead + i) % idempotencyCapacity);
            }
            if (aheadSkuHash[i] != 0)
            {
                bits += skuIndex.prefetch(aheadSkuHash[i]);
            }
            final long position = aheadPosition[i];
            if (position >= 0)
            {
                final int sku = (int)(position >>> 32);
                final int hint = aheadHint[i];
                // a hinted position is read directly (replayFind checks it); otherwise its index slot
                bits += hint >= 0 && hint < positionCount ? positions[pos(hint)] : positionIndex.prefetch(sku, (int)position);
                if (sku < bookPrice.length)
                {
                    bits += channelPromise[promiseIndex(sku, 0)];
                }
            }
        }
        prefetched = bits;
        prefetchCommandsDeeper();
        replayAhead = aheadCount;
        aheadCount = 0;
    }

    /**
     * Looks up the first {@link #LINES_AHEAD} lines of a reserve command and reads, for each, either its position's
     * table slot, its SKU's price and the SKU's ATP entry for the command's channel, or (once those have been read)
     * its position's record.
     */
    private long touchLines(final CommandSlot slot, final boolean records)
    {
        long bits = 0;
        final int channel = records ? 0 : Math.max(0, channelIndex.get(slot.channel));
        final int lineCount = Math.min(Math.min(Math.min(slot.lineCount, slot.lineSku.length), slot.lineLocation.length),
            LINES_AHEAD);
        for (int l = 0; l < lineCount; l++)
        {
            final int sku = skuIndex.get(slot.lineSku[l]);
            final int location = locationIndex.get(slot.lineLocation[l]);
            if (sku < 0 || location < 0)
            {
                continue;
            }
            if (!records)
            {
                bits += readAheadPosition(sku, location, channel) + bookPrice[sku];
                continue;
            }
            final int position = findPosition(sku, location);
            bits += position < 0 ? 0 : touchPosition(position);
        }
        return bits;
    }

    /**
     * Looks up a reservation command's reservation and reads either its header and first line or (once those have
     * been read) the position record of its first line and that SKU's channel row.
     */
    private long touchReservation(final AsciiKey reference, final boolean records)
    {
        final int reservation = reservationIndex.get(reference);
        if (reservation < 0)
        {
            return 0;
        }
        if (!records)
        {
            return reservations[res(reservation)] + lines[line(reservation * linesMax)];
        }
        final long entry = lines[line(reservation * linesMax) + POSITION];
        final int position = (int)entry;
        return position < 0 || position >= positionCount ? 0 : readAheadLine(entry);
    }

    /**
     * Forgets what {@link #prefetchRecord} and {@link #prefetchCommand} noted, without reading it: for a caller
     * whose prefetch failed part-way. Deciding and replaying do not depend on prefetching.
     */
    public void discardPrefetch()
    {
        java.util.Arrays.fill(aheadSlot, 0, aheadCount, null);
        aheadCount = 0;
        aheadCommands = 0;
        replayAhead = 0;
    }

    /**
     * Reads a position's record: one cache line where {@link #RECORD_BASE} aligns the records, and the two it
     * straddles otherwise, so both ends.
     */
    private long touchPosition(final int position)
    {
        return positions[pos(position)] + positions[pos(position) + POSITION_STRIDE - 1];
    }

    /**
     * For the commands {@link #prefetchCommand} noted, follows each chain of lookups one step further per pass, so
     * that a step's cache misses overlap across the group instead of stalling each decision in turn: the key bytes
     * of the candidates the first pass found; then the SKU's position slot, price and channel rows, and the
     * reservation's header and first line; then the position records. Each pass only looks up (nothing changes;
     * a command decided earlier in the group may still change what a later one finds, which costs only a wasted
     * read) and sees only the lines of {@link #LINES_AHEAD}. Journal records are left to the first pass: replay
     * reads positions in journal order, and a second pass measured slower there.
     */
    private void prefetchCommandsDeeper()
    {
        if (aheadCommands == 0)
        {
            return;
        }
        aheadCommands = 0;
        long bits = 0;
        int reserves = 0;
        for (int i = 0; i < aheadCount; i++)
        {
            final CommandSlot slot = aheadSlot[i];
            if (slot == null)
            {
                continue;
            }
            if (slot.type() == CommandType.RESERVE)
            {
                // the reservation this reserve recycles, if it succeeds: its record and its key's table slot
                final int recycled = reservationPool.peekRetired(reserves++);
                if (recycled >= 0)
                {
                    bits += reservationIndex.prefetchValue(recycled) + reservations[res(recycled)];
                }
                final int lineCount = Math.min(Math.min(slot.lineCount, slot.lineSku.length), LINES_AHEAD);
                for (int l = 0; l < lineCount; l++)
                {
                    // line 0's slot was read by the first pass; the others' slot and key come one after the other
                    bits += skuIndex.prefetchKey(slot.lineSku[l].hash());
                }
            }
            else if (aheadReferenceHash[i] != 0)
            {
                bits += reservationIndex.prefetchKey(aheadReferenceHash[i]);
            }
        }
        // then, a step at a time: position slots, prices, channel rows and reservation records; position records
        for (int step = 0; step < 2; step++)
        {
            final boolean records = step == 1;
            for (int i = 0; i < aheadCount; i++)
            {
                final CommandSlot slot = aheadSlot[i];
                if (slot != null && slot.type() == CommandType.RESERVE)
                {
                    bits += touchLines(slot, records);
                }
                else if (slot != null && aheadReferenceHash[i] != 0)
                {
                    bits += touchReservation(slot.reference, records);
                }
            }
        }
        java.util.Arrays.fill(aheadSlot, 0, aheadCount, null);
        prefetched += bits;
    }

    /**
     * Applies one journaled event record, as decided before: the state moves exactly as it did when the record
     * was decided, through the same {@code apply*} steps, without re-running any business rule (no validation,
     * no sourcing, no availability check). Applying a journal from its first record to a fresh machine built
     * from the same capacities rebuilds everything: definitions, positions, open and retained reservations and
     * transfers, pending expiries, the idempotency memory, the sequence and the engine time; so
     * {@link #stateHash()} equals the live machine's after the same records.
     *
     * <p>Records are facts, so replay does not fire expiries by itself: an expiry is an {@code EXPIRED} record in
     * the journal. Engine time moves to each record's time.
     *
     * <p>Replay remembers each idempotency key in the ring without indexing it (nothing looks keys up until the
     * machine decides again): {@link #indexIdempotency()}, called by the first {@link #apply} or by a recovery
     * once its replay is over, indexes the keys still remembered, at most {@code idempotencyCapacity} of them.
     *
     * @param buffer holds the record.
     * @param offset where the record starts.
     * @throws IllegalStateException when the record does not follow the last one applied (a sequence gap), is of
     * an unknown type, or does not fit the state (a journal from another configuration, or damaged): the machine
     * must then be discarded.
     */
    public void replay(final DirectBuffer buffer, final int offset)
    {
        final long recordSequence = buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET);
        if (recordSequence != sequence + 1)
        {
            throw new IllegalStateException("event " + recordSequence + " does not follow event " + sequence);
        }
        final EventType type = EventType.fromCode(buffer.getShort(offset + EventCodec.TYPE_OFFSET));
        if (type == null)
        {
            throw new IllegalStateException("event " + recordSequence + " has unknown type " +
                buffer.getShort(offset + EventCodec.TYPE_OFFSET));
        }
        final long timeMs = buffer.getLong(offset + EventCodec.TIME_OFFSET);
        final int keyLength = buffer.getByte(offset + EventCodec.KEY_LENGTH_OFFSET);
        final int referenceLength = buffer.getByte(offset + EventCodec.REFERENCE_LENGTH_OFFSET);
        expect(keyLength >= 0 && keyLength <= Limits.ID_LENGTH_MAX && referenceLength >= 0 &&
            referenceLength <= Limits.ID_LENGTH_MAX, recordSequence, "key and reference lengths");
        buffer.getBytes(offset + EventCodec.HEADER_LENGTH, replayBytes, 0, keyLength + referenceLength);
        replayReference.set(replayBytes, keyLength, referenceLength);
        idempotencyDeferred = true;
        final int recordSku = buffer.getInt(offset + EventCodec.SKU_OFFSET);
        if (replayAhead > 0)
        {
            replayAhead--;
        }
        else
        {
            prefetched = reservationIndex.prefetch(replayReference.hash()) +
                (recordSku < 0 ? 0 : positionIndex.prefetch(recordSku, buffer.getInt(offset + EventCodec.LOCATION_OFFSET)));
        }

        final boolean outcome = keyLength > 0 && type != EventType.EXPIRED && type != EventType.OVERSOLD &&
            type != EventType.THRESHOLD_CROSSED;
        final int code = type == EventType.REJECTED ? buffer.getInt(offset + EventCodec.REASON_CODE_OFFSET) : OK;
        if (outcome)
        {
            // the live writer made room in the idempotency memory when the command arrived, before deciding it
            moveClock(type == EventType.TIME_ADVANCED ? buffer.getLong(offset + EventCodec.VARIANCE_OFFSET) : timeMs);
            if (code != IDEMPOTENCY_CONFLICT && code != IDEMPOTENCY_CAPACITY_EXHAUSTED && !makeIdempotencyRoom())
            {
                throw new IllegalStateException("event " + recordSequence +
                    ": the idempotency memory is full; is idempotencyCapacity smaller than the journal's engine had?");
            }
        }
        moveClock(timeMs);
        sequence = recordSequence;
        decidedMs = timeMs;
        applyRecord(type, buffer, offset, recordSequence);
        if (outcome && isRemembered(code))
        {
            final int legacy =
                buffer.getShort(offset + EventCodec.VERSION_OFFSET) < EventCodec.PAYLOAD_HASH_VERSION ? LEGACY_PAYLOAD_HASH : 0;
            idempotencyIndex.store(replayBytes, 0, keyLength, rememberOutcome(
                buffer.getShort(offset + EventCodec.COMMAND_TYPE_OFFSET) | legacy,
                buffer.getLong(offset + EventCodec.PAYLOAD_HASH_OFFSET), code,
                buffer.getInt(offset + EventCodec.LINE_INDEX_OFFSET), buffer.getLong(offset + EventCodec.AVAILABLE_OFFSET),
                recordSequence));
        }
    }

    private void moveClock(final long timeMs)
    {
        if (timeMs > nowMs)
        {
            nowMs = timeMs;
        }
    }

    private void applyRecord(final EventType type, final DirectBuffer buffer, final int offset, final long recordSequence)
    {
        final int sku = buffer.getInt(offset + EventCodec.SKU_OFFSET);
        final int location = buffer.getInt(offset + EventCodec.LOCATION_OFFSET);
        final long quantity = buffer.getLong(offset + EventCodec.QUANTITY_OFFSET);
        final int kind = buffer.getByte(offset + EventCodec.KIND_OFFSET);
        final int lineCount = buffer.getShort(offset + EventCodec.LINE_COUNT_OFFSET) & 0xFFFF;
        final int lines = offset + buffer.getInt(offset + EventCodec.LENGTH_OFFSET) - lineCount * EventCodec.LINE_LENGTH;
        expectCapacity(type, sku, location, buffer.getInt(offset + EventCodec.TO_LOCATION_OFFSET), recordSequence);
        replayHint = positionHint(buffer, offset);
        switch (type)
        {
            case SKU_DEFINED:
                expect(applySkuDefined(replayReference) == sku, recordSequence, "SKU index");
                break;
            case LOCATION_DEFINED:
                expect(applyLocationDefined(replayReference, kind, buffer.getInt(offset + EventCodec.CAPABILITIES_OFFSET),
                    buffer.getInt(offset + EventCodec.PRIORITY_OFFSET), buffer.getInt(offset + EventCodec.LATITUDE_OFFSET),
                    buffer.getInt(offset + EventCodec.LONGITUDE_OFFSET)) == location, recordSequence, "location index");
                break;
            case CHANNEL_DEFINED:
            {
                final int[] locations = new int[lineCount];
                for (int i = 0; i < lineCount; i++)
                {
                    locations[i] = buffer.getInt(lines + i * EventCodec.LINE_LENGTH + EventCodec.LINE_LOCATION_OFFSET);
                }
                expect(applyChannelDefined(replayReference, locations) == buffer.getInt(offset + EventCodec.CHANNEL_OFFSET),
                    recordSequence, "channel index");
                break;
            }
            case PRICE_SET:
                expect(sku >= 0 && sku < skuCount && location < locationCount, recordSequence, "known SKU and location");
                applyPriceSet(sku, location, quantity);
                break;
            case PROMOTION_DEFINED:
                expect(promotionIndex.get(replayReference) >= 0 || promotionCount < promotionIndex.capacity() ||
                    firstEndedPromotion() >= 0, recordSequence, "promotionCapacity too small");
                applyPromotionDefined(replayReference, sku, buffer.getInt(offset + EventCodec.CHANNEL_OFFSET),
                    buffer.getLong(offset + EventCodec.VARIANCE_OFFSET), buffer.getLong(offset + EventCodec.DEADLINE_OFFSET),
                    buffer.getInt(offset + EventCodec.PRIORITY_OFFSET), quantity);
                break;
            case CHANNEL_RULE_SET:
            {
                final int channel = buffer.getInt(offset + EventCodec.CHANNEL_OFFSET);
                expect(channel >= 0 && channel < channelCount, recordSequence, "known channel");
                applyChannelRule(channel, sku, location, ChannelRules.encode(quantity,
                    buffer.getInt(offset + EventCodec.PRIORITY_OFFSET), buffer.getInt(offset + EventCodec.CAPABILITIES_OFFSET)));
                break;
            }
            case RECEIVED:
                applyReceived(replayPosition(sku, location, recordSequence), quantity,
                    buffer.getLong(offset + EventCodec.VARIANCE_OFFSET));
                break;
            case RECEIPT_EXPECTED:
                incoming.add(replayPosition(sku, location, recordSequence), 0, quantity);
                break;
            case ADJUSTED:
                applyIntoBucket(replayPosition(sku, location, recordSequence), quantity, StockBucket.fromCode(kind));
                break;
            case COUNTED:
                applyCounted(replayPosition(sku, location, recordSequence), quantity);
                break;
            case SAFETY_STOCK_SET:
                applySafetyStock(replayPosition(sku, location, recordSequence), quantity);
                break;
            case SOLD:
                applyIntoBucket(existingPosition(sku, location, recordSequence), -quantity, StockBucket.SELLABLE);
                break;
            case RETURNED:
                applyIntoBucket(replayPosition(sku, location, recordSequence), quantity, bucketOf(Disposition.fromCode(kind)));
                break;
            case TRANSFER_SHIPPED:
                existingPosition(sku, location, recordSequence);
                applyTransferShipped(replayReference, sku, location, buffer.getInt(offset + EventCodec.TO_LOCATION_OFFSET),
                    quantity);
                break;
            case TRANSFER_RECEIVED:
            {
                final int transfer = transferIndex.get(replayReference);
                expect(transfer >= 0, recordSequence, "known transfer");
                applyTransferReceived(transfer, quantity);
                break;
            }
            case RESERVED:
            {
                expect(lineCount >= 1 && lineCount <= linesMax, recordSequence, "linesPerReservationMax too small");
                for (int i = 0; i < lineCount; i++)
                {
                    final int line = lines + i * EventCodec.LINE_LENGTH;
                    scratchPosition[i] = existingPosition(buffer.getInt(line + EventCodec.LINE_SKU_OFFSET),
                        buffer.getInt(line + EventCodec.LINE_LOCATION_OFFSET), recordSequence);
                    scratchQuantity[i] = buffer.getLong(line + EventCodec.LINE_QUANTITY_OFFSET);
                    takePrice[i] = buffer.getLong(line + EventCodec.LINE_UNIT_PRICE_OFFSET);
                }
                applyReserved(replayReference, buffer.getInt(offset + EventCodec.CHANNEL_OFFSET), kind,
                    buffer.getLong(offset + EventCodec.DEADLINE_OFFSET), recordSequence, lineCount, scratchPosition,
                    scratchQuantity, takePrice);
                break;
            }
            case HOLD_EXTENDED:
                applyHoldExtended(knownReservation(recordSequence), buffer.getLong(offset + EventCodec.DEADLINE_OFFSET));
                break;
            case CONFIRMED:
                applyConfirmed(knownReservation(recordSequence));
                break;
            case RELEASED:
            case EXPIRED:
                applyEnded(knownReservation(recordSequence),
                    type == EventType.RELEASED ? ReservationState.RELEASED : ReservationState.EXPIRED);
                break;
            case FULFILLED:
            {
                final int reservation = knownReservation(recordSequence);
                expect(lineCount == lineCountOf(reservation), recordSequence, "reservation line count");
                for (int i = 0; i < lineCount; i++)
                {
                    scratchQuantity[i] = buffer.getLong(lines + i * EventCodec.LINE_LENGTH + EventCodec.LINE_QUANTITY_OFFSET);
                }
                applyFulfilled(reservation, scratchQuantity);
                break;
            }
            default:
                // TIME_ADVANCED moved the clock; REJECTED, OVERSOLD and THRESHOLD_CROSSED record facts that changed no stock
                break;
        }
    }

    /** A journal written by an engine with larger capacities must be refused, not overflow an array. */
    private void expectCapacity(
        final EventType type, final int sku, final int location, final int toLocation, final long recordSequence)
    {
        switch (type)
        {
            case SKU_DEFINED:
                expect(skuCount < skuIndex.capacity(), recordSequence, "skuCapacity too small");
                break;
            case LOCATION_DEFINED:
                expect(locationCount < locationIndex.capacity(), recordSequence, "locationCapacity too small");
                break;
            case CHANNEL_DEFINED:
                expect(channelCount < channelIndex.capacity(), recordSequence, "channelCapacity too small");
                break;
            case RESERVED:
                expect(reservationPool.hasSpace(), recordSequence, "reservationCapacity too small");
                break;
            case TRANSFER_SHIPPED:
                expect(transferPool.hasSpace(), recordSequence, "transferCapacity too small");
                expect(canCreatePosition(sku, toLocation), recordSequence, "positionCapacity too small");
                break;
            case RECEIVED:
            case RECEIPT_EXPECTED:
            case ADJUSTED:
            case COUNTED:
            case SAFETY_STOCK_SET:
            case RETURNED:
                // the position itself is found or created, within positionCapacity, by replayPosition
                expect(sku >= 0 && sku < skuCount && location >= 0 && location < locationCount, recordSequence,
                    "known SKU and location");
                break;
            default:
                break;
        }
    }

    /** @return the record's position hint, -1 for a record older than {@link EventCodec#POSITION_HINT_VERSION}. */
    private static int positionHint(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + EventCodec.VERSION_OFFSET) >= EventCodec.POSITION_HINT_VERSION ?
            buffer.getInt(offset + EventCodec.POSITION_HINT_OFFSET) : -1;
    }

    /**
     * @return the position of the record being replayed: its hint when that position exists and has the record's
     * SKU and location (the hint is derived state, so it is checked, never trusted), else a lookup.
     */
    private int replayFind(final int sku, final int location)
    {
        final int hint = replayHint;
        return hint >= 0 && hint < positionCount && positions[pos(hint) + KEY] == positionKey(sku, location) ?
            hint : findPosition(sku, location);
    }

    /** The record's position, created if new: one lookup, the capacity checked only when it is created. */
    private int replayPosition(final int sku, final int location, final long recordSequence)
    {
        final int position = replayFind(sku, location);
        if (position >= 0)
        {
            return position;
        }
        expect(positionCount < positionCapacity, recordSequence, "positionCapacity too small");
        return createPosition(sku, location);
    }

    private int existingPosition(final int sku, final int location, final long recordSequence)
    {
        final int position = replayFind(sku, location);
        expect(position >= 0, recordSequence, "known position");
        return position;
    }

    private int knownReservation(final long recordSequence)
    {
        final int reservation = reservationIndex.get(replayReference);
        expect(reservation >= 0, recordSequence, "known reservation");
        return reservation;
    }

    private static void expect(final boolean holds, final long recordSequence, final String what)
    {
        if (!holds)
        {
            throw new IllegalStateException("event " + recordSequence + " does not fit the state: " + what);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Snapshots: the whole state as plain bytes, and back
    // ------------------------------------------------------------------------------------------------------

    /**
     * Writes the whole state: a plain function of the state, with no I/O (the journal module frames, checksums and
     * stores it). Loading it with {@link #loadSnapshot} into a machine of the same configuration gives the same
     * {@link #stateHash()} and the same decisions from then on: open holds expire at the same deadlines, retired
     * reservation records are recycled in the same order, idempotency keys are remembered and aged the same.
     *
     * @param out where to write; its buffer grows as needed.
     */
    public void writeSnapshot(final SnapshotCursor out)
    {
        out.putInt(skuIndex.capacity()).putInt(locationIndex.capacity()).putInt(channelCapacity).putInt(positionCapacity)
            .putInt(reservationIndex.capacity()).putInt(linesMax).putInt(transferIndex.capacity())
            .putInt(idempotencyCapacity).putLong(idempotencyRetentionMs).putLong(holdMaxMs);
        out.putLong(nowMs).putLong(decidedMs).putLong(sequence);

        out.putInt(skuCount);
        for (int i = 0; i < skuCount; i++)
        {
            out.putKey(skuIndex.keyOf(i, scratchKey));
        }
        out.putInt(locationCount);
        for (int i = 0; i < locationCount; i++)
        {
            out.putKey(locationIndex.keyOf(i, scratchKey)).putInt(locationType[i]).putInt(locationCapabilities[i])
                .putInt(locationPriority[i]).putInt(locationLatitude[i]).putInt(locationLongitude[i]);
        }
        out.putInt(channelCount);
        for (int i = 0; i < channelCount; i++)
        {
            out.putKey(channelIndex.keyOf(i, scratchKey)).putInt(channelLocations[i].length);
            for (final int location : channelLocations[i])
            {
                out.putInt(location);
            }
        }

        writeChannelRules(out);
        writePrices(out);

        out.putInt(positionCount);
        for (int p = 0; p < positionCount; p++)
        {
            out.putInt(skuOf(p)).putInt(locationOf(p)).putLong(positions[pos(p) + ON_HAND]).putLong(positions[pos(p) + RESERVED])
                .putLong(positions[pos(p) + COMMITTED]).putLong(cold.get(p, COLD_SAFETY_STOCK)).putLong(cold.get(p, COLD_DAMAGED)).putLong(cold.get(p, COLD_QUARANTINED))
                .putLong(cold.get(p, COLD_IN_TRANSIT)).putLong(incoming.get(p, 0));
        }
        // the snapshot keeps a row of channelCapacity entries per SKU, whatever the row in memory
        for (int sku = 0; sku < skuCount; sku++)
        {
            for (int channel = 0; channel < channelCapacity; channel++)
            {
                out.putLong(channel < channelCount ? channelPromise[promiseIndex(sku, channel)] : 0);
            }
        }

        reservationPool.writeTo(out);
        for (int r = 0; r < reservationPool.used(); r++)
        {
            out.putKey(reservationIndex.keyOf(r, scratchKey)).putInt(stateOf(r)).putInt(channelOf(r))
                .putInt(fulfilmentOf(r)).putLong(reservations[res(r) + CREATED_MS]).putLong(reservations[res(r) + DEADLINE_MS])
                .putLong(reservations[res(r) + SEQUENCE]).putInt(lineCountOf(r));
            final int base = r * linesMax;
            for (int i = 0; i < lineCountOf(r); i++)
            {
                out.putInt(linePositionOf(base + i)).putLong(lines[line(base + i) + QUANTITY]).putLong(lines[line(base + i) + FULFILLED])
                    .putLong(lines[line(base + i) + PRICE]);
            }
        }

        transferPool.writeTo(out);
        for (int t = 0; t < transferPool.used(); t++)
        {
            out.putKey(transferIndex.keyOf(t, scratchKey)).putInt(transferState[t]).putInt(transferSku[t])
                .putInt(transferFrom[t]).putInt(transferTo[t]).putLong(transferShipped[t]).putLong(transferReceived[t]);
        }

        out.putInt(idempotencyHead).putInt(idempotencyCount);
        for (int i = 0; i < idempotencyCount; i++)
        {
            final int entry = (idempotencyHead + i) % idempotencyCapacity;
            final int o = outcomeAt(entry);
            out.putKey(idempotencyIndex.keyOf(entry, scratchKey)).putLong(outcomes[o + PAYLOAD_HASH])
                .putInt(outcomeTypeBits(entry)).putInt(outcomeCode(entry)).putInt((int)outcomes[o + OUTCOME_LINE])
                .putLong(outcomes[o + OUTCOME_AVAILABLE]).putLong(outcomes[o + OUTCOME_SEQUENCE])
                .putLong(outcomes[o + OUTCOME_TIME]);
        }
    }

    private void writeChannelRules(final SnapshotCursor out)
    {
        out.putInt(ruleCount).putLong(fencedChannels);
        for (int channel = 0; channel < channelCount; channel++)
        {
            out.putLong(channelRule[channel]);
        }
        int locationRules = 0;
        for (final long rule : locationRule)
        {
            locationRules += rule != 0 ? 1 : 0;
        }
        out.putInt(locationRules);
        for (int i = 0; i < locationRule.length; i++)
        {
            if (locationRule[i] != 0)
            {
                out.putInt(i).putLong(locationRule[i]);
            }
        }
        out.putInt(skuRule.size());
        final long[] keys = skuRule.keySet().toSortedArray();
        for (final long key : keys)
        {
            out.putLong(key).putLong(skuRule.get(key));
        }
    }

    private void writePrices(final SnapshotCursor out)
    {
        for (int sku = 0; sku < skuCount; sku++)
        {
            out.putLong(bookPrice[sku]);
        }
        out.putInt(localPrice.size());
        for (final long key : localPrice.keySet().toSortedArray())
        {
            out.putLong(key).putLong(localPrice.get(key));
        }
        out.putInt(promotionCount);
        for (int p = 0; p < promotionCount; p++)
        {
            out.putKey(promotionIndex.keyOf(p, scratchKey)).putInt(promotionSku[p]).putInt(promotionChannel[p])
                .putLong(promotionStartMs[p]).putLong(promotionEndMs[p]).putInt(promotionPercent[p])
                .putLong(promotionAmount[p]);
        }
    }

    private void readPrices(final SnapshotCursor in)
    {
        for (int sku = 0; sku < skuCount; sku++)
        {
            bookPrice[sku] = in.getLong();
        }
        for (int i = in.getInt(); i > 0; i--)
        {
            localPrice.put(in.getLong(), in.getLong());
        }
        final int promotions = in.getInt();
        for (int p = 0; p < promotions; p++)
        {
            applyPromotionDefined(in.getKey(replayKey, replayBytes), in.getInt(), in.getInt(), in.getLong(), in.getLong(),
                in.getInt(), in.getLong());
        }
    }

    private long pricesHash(final long seed)
    {
        long h = seed;
        for (int sku = 0; sku < skuCount; sku++)
        {
            h = bookPrice[sku] < 0 ? h : Hashing.combine(Hashing.combine(h, sku), bookPrice[sku]);
        }
        for (final long key : localPrice.keySet().toSortedArray())
        {
            h = Hashing.combine(Hashing.combine(h, key), localPrice.get(key));
        }
        for (int p = 0; p < promotionCount; p++)
        {
            h = Hashing.combine(h, promotionIndex.hashOf(p));
            h = Hashing.combine(Hashing.combine(h, promotionSku[p]), promotionChannel[p]);
            h = Hashing.combine(Hashing.combine(h, promotionStartMs[p]), promotionEndMs[p]);
            h = Hashing.combine(Hashing.combine(h, promotionPercent[p]), promotionAmount[p]);
        }
        return h;
    }

    private void readChannelRules(final SnapshotCursor in)
    {
        ruleCount = in.getInt();
        fencedChannels = in.getLong();
        for (int channel = 0; channel < channelCount; channel++)
        {
            channelRule[channel] = in.getLong();
        }
        for (int i = in.getInt(); i > 0; i--)
        {
            locationRule[in.getInt()] = in.getLong();
        }
        for (int i = in.getInt(); i > 0; i--)
        {
            skuRule.put(in.getLong(), in.getLong());
        }
    }

    /**
     * Loads a snapshot written by {@link #writeSnapshot} into a fresh machine.
     *
     * @param config the configuration; its capacities and time limits must equal the snapshot's.
     * @param in     the snapshot.
     * @return the machine, in the state the snapshot was taken in.
     * @throws IllegalStateException when the configuration differs from the snapshot's.
     */
    public static StateMachine loadSnapshot(final EngineConfig config, final SnapshotCursor in)
    {
        return loadSnapshot(config, in, false);
    }

    /**
     * Rebuilds a machine from a snapshot, which may have been written by a build older than
     * {@link EventCodec#PAYLOAD_HASH_VERSION}.
     *
     * @param config             the configuration the snapshot was written with.
     * @param in                 the snapshot.
     * @param legacyPayloadHashes true when the snapshot was written by a build that remembered every outcome with
     *                           {@link CommandSlot#legacyPayloadHash()} (snapshot format 2): retries of those
     *                           commands are then compared with that hash.
     * @return the machine, in the state the snapshot was taken in.
     * @throws IllegalStateException when the configuration differs from the snapshot's.
     */
    public static StateMachine loadSnapshot(
        final EngineConfig config, final SnapshotCursor in, final boolean legacyPayloadHashes)
    {
        final StateMachine m = new StateMachine(config);
        m.readSnapshot(in, legacyPayloadHashes ? LEGACY_PAYLOAD_HASH : 0);
        return m;
    }

    private void readSnapshot(final SnapshotCursor in, final int outcomeFlags)
    {
        final String saved = in.getInt() + "/" + in.getInt() + "/" + in.getInt() + "/" + in.getInt() + "/" +
            in.getInt() + "/" + in.getInt() + "/" + in.getInt() + "/" + in.getInt() + "/" + in.getLong() + "/" +
            in.getLong();
        final String configured = skuIndex.capacity() + "/" + locationIndex.capacity() + "/" + channelCapacity + "/" +
            positionCapacity + "/" + reservationIndex.capacity() + "/" + linesMax + "/" + transferIndex.capacity() + "/" +
            idempotencyCapacity + "/" + idempotencyRetentionMs + "/" + holdMaxMs;
        if (!saved.equals(configured))
        {
            throw new IllegalStateException("snapshot taken with capacities and limits " + saved +
                " (sku/location/channel/position/reservation/lines/transfer/idempotency/retentionMs/holdMaxMs), " +
                "configured " + configured);
        }
        nowMs = in.getLong();
        decidedMs = in.getLong();
        sequence = in.getLong();

        final int skus = in.getInt();
        for (int i = 0; i < skus; i++)
        {
            applySkuDefined(in.getKey(replayKey, replayBytes));
        }
        final int locations = in.getInt();
        for (int i = 0; i < locations; i++)
        {
            applyLocationDefined(in.getKey(replayKey, replayBytes), in.getInt(), in.getInt(), in.getInt(), in.getInt(),
                in.getInt());
        }
        final int channels = in.getInt();
        for (int i = 0; i < channels; i++)
        {
            in.getKey(replayKey, replayBytes);
            final int[] channelLocationList = new int[in.getInt()];
            for (int j = 0; j < channelLocationList.length; j++)
            {
                channelLocationList[j] = in.getInt();
            }
            // positions are not loaded yet, so this links the locations and leaves the ATP sums to the snapshot's
            applyChannelDefined(replayKey, channelLocationList);
        }
        readChannelRules(in);
        readPrices(in);

        final int positionTotal = in.getInt();
        for (int p = 0; p < positionTotal; p++)
        {
            final int position = createPosition(in.getInt(), in.getInt());
            positions[pos(position) + ON_HAND] = in.getLong();
            positions[pos(position) + RESERVED] = in.getLong();
            positions[pos(position) + COMMITTED] = in.getLong();
            cold.set(position, COLD_SAFETY_STOCK, in.getLong());
            cold.set(position, COLD_DAMAGED, in.getLong());
            cold.set(position, COLD_QUARANTINED, in.getLong());
            cold.set(position, COLD_IN_TRANSIT, in.getLong());
            incoming.set(position, 0, in.getLong());
        }
        for (int sku = 0; sku < skuCount; sku++)
        {
            for (int channel = 0; channel < channelCapacity; channel++)
            {
                final long promise = in.getLong();
                if (channel < channelCount)
                {
                    channelPromise[promiseIndex(sku, channel)] = promise;
                }
                else if (promise != 0)
                {
                    throw new IllegalStateException("snapshot holds available-to-promise for channel " + channel +
                        ", which it does not define (SKU " + sku + ")");
                }
            }
        }

        reservationPool.readFrom(in);
        for (int r = 0; r < reservationPool.used(); r++)
        {
            reservationIndex.put(in.getKey(replayKey, replayBytes), r);
            reservations[res(r) + STATE] = (byte)in.getInt();
            reservations[res(r) + CHANNEL] = in.getInt();
            reservations[res(r) + FULFILMENT] = (byte)in.getInt();
            reservations[res(r) + CREATED_MS] = in.getLong();
            reservations[res(r) + DEADLINE_MS] = in.getLong();
            reservations[res(r) + SEQUENCE] = in.getLong();
            reservations[res(r) + LINE_COUNT] = in.getInt();
            final int base = r * linesMax;
            for (int i = 0; i < lineCountOf(r); i++)
            {
                final int position = in.getInt();
                if (position < 0 || position >= positionCount)
                {
                    throw new IllegalStateException("snapshot holds a line of reservation " + r + " at position " +
                        position + ", outside its " + positionCount + " positions");
                }
                lines[line(base + i) + POSITION] = lineEntry(position);
                lines[line(base + i) + QUANTITY] = in.getLong();
                lines[line(base + i) + FULFILLED] = in.getLong();
                lines[line(base + i) + PRICE] = in.getLong();
            }
            if (stateOf(r) == ReservationState.HELD.code())
            {
                expiries.add(r, reservations[res(r) + DEADLINE_MS], reservations[res(r) + SEQUENCE]);
            }
        }
        for (long fenced = fencedChannels; fenced != 0; fenced &= fenced - 1)
        {
            rebuildUsage(Long.numberOfTrailingZeros(fenced));
        }

        transferPool.readFrom(in);
        for (int t = 0; t < transferPool.used(); t++)
        {
            transferIndex.put(in.getKey(replayKey, replayBytes), t);
            transferState[t] = (byte)in.getInt();
            transferSku[t] = in.getInt();
            transferFrom[t] = in.getInt();
            transferTo[t] = in.getInt();
            transferShipped[t] = in.getLong();
            transferReceived[t] = in.getLong();
        }

        idempotencyHead = in.getInt();
        idempotencyCount = in.getInt();
        // the ring's index wraps by one subtraction (rememberOutcome), which needs both inside the ring
        if (idempotencyHead < 0 || idempotencyHead >= idempotencyCapacity || idempotencyCount < 0 ||
            idempotencyCount > idempotencyCapacity)
        {
            throw new IllegalStateException("snapshot idempotency ring head " + idempotencyHead + " and count " +
                idempotencyCount + " do not fit a ring of " + idempotencyCapacity);
        }
        // indexed by indexIdempotency() once any journal tail is replayed, so a key evicted by the tail costs nothing
        idempotencyDeferred = true;
        for (int i = 0; i < idempotencyCount; i++)
        {
            final int entry = (idempotencyHead + i) % idempotencyCapacity;
            final AsciiKey key = in.getKey(replayKey, replayBytes);
            idempotencyIndex.store(key.bytes(), 0, key.length(), entry);
            final long payloadHash = in.getLong();
            final int commandType = in.getInt() | outcomeFlags;
            final int code = in.getInt();
            final int lineIndex = in.getInt();
            final long available = in.getLong();
            final long outcomeSequence = in.getLong();
            storeOutcome(entry, payloadHash, commandType, code, lineIndex, available, outcomeSequence, in.getLong());
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Queries: plain reads, made safe from other threads by the pipeline's read view
    // ------------------------------------------------------------------------------------------------------

    /** @param id a SKU id. @return its index, or -1. */
    public int skuIndexOf(final CharSequence id)
    {
        return skuIndex.get(id);
    }

    /** @param id a location id. @return its index, or -1. */
    public int locationIndexOf(final CharSequence id)
    {
        return locationIndex.get(id);
    }

    /** @param id a channel id. @return its index, or -1. */
    public int channelIndexOf(final CharSequence id)
    {
        return channelIndex.get(id);
    }

    /**
     * @param sku      SKU index.
     * @param location location index.
     * @return what can be reserved at the position now (0 when it does not exist).
     */
    public long available(final int sku, final int location)
    {
        final int position = findPosition(sku, location);
        return position < 0 ? 0 : availableAt(position);
    }

    /**
     * @param channel  a channel index.
     * @param sku      a SKU index.
     * @param location a location index.
     * @return what the channel may take of the SKU at the location under its rules; 0 when the location is not
     * the channel's or the position does not exist.
     */
    public long availableTo(final int channel, final int sku, final int location)
    {
        final int position = findPosition(sku, location);
        return position < 0 || (locationChannels[location] & (1L << channel)) == 0 ? 0 : seen(channel, position, 0);
    }

    /**
     * @param sku     SKU index.
     * @param channel channel index.
     * @return the channel's available-to-promise for the SKU, kept by the writer incrementally (O(1)); 0 for a
     * channel index not defined yet.
     */
    public long availableToPromise(final int sku, final int channel)
    {
        return channel < channelCount ? channelPromise[promiseIndex(sku, channel)] : 0;
    }

    /** @return the number of positions. */
    public int positionCount()
    {
        return positionCount;
    }

    /** @return chunks of 4,096 positions whose cold buckets (safety stock, damaged, quarantined, in transit) are allocated. */
    int coldChunksAllocated()
    {
        return cold.chunksAllocated();
    }

    /**
     * @param sku      SKU index.
     * @param location location index.
     * @return the position's states, or null when it does not exist.
     */
    public PositionSnapshot position(final int sku, final int location)
    {
        final int position = findPosition(sku, location);
        return position < 0 ? null : positionAt(position);
    }

    /**
     * @param position a position number, {@code 0..positionCount()-1}.
     * @return its states.
     */
    public PositionSnapshot positionAt(final int position)
    {
        return new PositionSnapshot(
            names.sku(skuOf(position)), names.location(locationOf(position)),
            positions[pos(position) + ON_HAND], positions[pos(position) + RESERVED], positions[pos(position) + COMMITTED], cold.get(position, COLD_SAFETY_STOCK),
            cold.get(position, COLD_DAMAGED), cold.get(position, COLD_QUARANTINED), cold.get(position, COLD_IN_TRANSIT), incoming.get(position, 0),
            availableAt(position), sequence);
    }

    /**
     * @param key a reservation key.
     * @return the reservation, or null when unknown or forgotten.
     */
    public ReservationSnapshot reservation(final CharSequence key)
    {
        final int reservation = reservationIndex.get(key);
        if (reservation < 0)
        {
            return null;
        }
        final int count = lineCountOf(reservation);
        final int base = reservation * linesMax;
        final List<ReservationLineSnapshot> snapshots = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int position = linePositionOf(base + i);
            snapshots.add(new ReservationLineSnapshot(names.sku(skuOf(position)),
                names.location(locationOf(position)), lines[line(base + i) + QUANTITY], lines[line(base + i) + FULFILLED],
                lines[line(base + i) + PRICE]));
        }
        return new ReservationSnapshot(key.toString(), ReservationState.fromCode(stateOf(reservation)),
            names.channel(channelOf(reservation)),
            FulfilmentType.fromCode(fulfilmentOf(reservation)), reservations[res(reservation) + CREATED_MS],
            reservations[res(reservation) + DEADLINE_MS], List.copyOf(snapshots));
    }

    // ------------------------------------------------------------------------------------------------------
    // Hashes and invariants
    // ------------------------------------------------------------------------------------------------------

    /**
     * A hash of the whole state, including remembered idempotency keys, engine time and the event sequence:
     * equal states give equal hashes on every run and JVM. For replay and recovery comparisons.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long h = Hashing.combine(inventoryHash(), sequence);
        h = Hashing.combine(h, decidedMs);
        for (int i = 0; i < idempotencyCount; i++)
        {
            final int entry = (idempotencyHead + i) % idempotencyCapacity;
            h = Hashing.combine(h, idempotencyDeferred ? idempotencyIndex.storedHash(entry) : idempotencyIndex.hashOf(entry));
            final int o = outcomeAt(entry);
            h = Hashing.combine(h, outcomes[o + PAYLOAD_HASH]);
            h = Hashing.combine(h, outcomeTypeBits(entry));
            h = Hashing.combine(h, outcomeCode(entry));
            h = Hashing.combine(h, (int)outcomes[o + OUTCOME_LINE]);
            h = Hashing.combine(h, outcomes[o + OUTCOME_AVAILABLE]);
            h = Hashing.combine(h, outcomes[o + OUTCOME_SEQUENCE]);
            h = Hashing.combine(h, outcomes[o + OUTCOME_TIME]);
        }
        return h;
    }

    /**
     * A hash of the inventory alone: definitions, positions, reservations, transfers and engine time, without
     * the event sequence and the idempotency memory. A rejected command leaves it unchanged.
     *
     * @return the hash.
     */
    public long inventoryHash()
    {
        long h = 0;
        for (int i = 0; i < skuCount; i++)
        {
            h = Hashing.combine(h, skuIndex.hashOf(i));
        }
        for (int i = 0; i < locationCount; i++)
        {
            h = Hashing.combine(h, locationIndex.hashOf(i));
            h = Hashing.combine(h, locationType[i]);
            h = Hashing.combine(h, locationCapabilities[i]);
            h = Hashing.combine(h, locationPriority[i]);
            h = Hashing.combine(h, locationLatitude[i]);
            h = Hashing.combine(h, locationLongitude[i]);
            h = Hashing.combine(h, locationChannels[i]);
        }
        for (int i = 0; i < channelCount; i++)
        {
            h = Hashing.combine(h, channelIndex.hashOf(i));
        }
        if (ruleCount > 0)
        {
            h = Hashing.combine(Hashing.combine(h, ruleCount), fencedChannels);
            for (int i = 0; i < channelCount; i++)
            {
                h = Hashing.combine(h, channelRule[i]);
            }
            for (int i = 0; i < locationRule.length; i++)
            {
                h = locationRule[i] == 0 ? h : Hashing.combine(Hashing.combine(h, i), locationRule[i]);
            }
            for (final long key : skuRule.keySet().toSortedArray())
            {
                h = Hashing.combine(Hashing.combine(h, key), skuRule.get(key));
            }
        }
        for (int p = 0; p < positionCount; p++)
        {
            h = Hashing.combine(h, positionKey(skuOf(p), locationOf(p)));
            h = Hashing.combine(h, positions[pos(p) + ON_HAND]);
            h = Hashing.combine(h, positions[pos(p) + RESERVED]);
            h = Hashing.combine(h, positions[pos(p) + COMMITTED]);
            h = Hashing.combine(h, cold.get(p, COLD_SAFETY_STOCK));
            h = Hashing.combine(h, cold.get(p, COLD_DAMAGED));
            h = Hashing.combine(h, cold.get(p, COLD_QUARANTINED));
            h = Hashing.combine(h, cold.get(p, COLD_IN_TRANSIT));
            h = Hashing.combine(h, incoming.get(p, 0));
        }
        for (int r = 0; r < reservationPool.used(); r++)
        {
            h = Hashing.combine(h, reservationIndex.hashOf(r));
            h = Hashing.combine(h, stateOf(r));
            h = Hashing.combine(h, channelOf(r));
            h = Hashing.combine(h, fulfilmentOf(r));
            h = Hashing.combine(h, reservations[res(r) + CREATED_MS]);
            h = Hashing.combine(h, reservations[res(r) + DEADLINE_MS]);
            final int base = r * linesMax;
            for (int i = 0; i < lineCountOf(r); i++)
            {
                h = Hashing.combine(h, linePositionOf(base + i));
                h = Hashing.combine(h, lines[line(base + i) + QUANTITY]);
                h = Hashing.combine(h, lines[line(base + i) + FULFILLED]);
                h = Hashing.combine(h, lines[line(base + i) + PRICE]);
            }
        }
        h = pricesHash(h);
        for (int t = 0; t < transferPool.used(); t++)
        {
            h = Hashing.combine(h, transferIndex.hashOf(t));
            h = Hashing.combine(h, transferState[t]);
            h = Hashing.combine(h, positionKey(transferSku[t], transferFrom[t]));
            h = Hashing.combine(h, transferTo[t]);
            h = Hashing.combine(h, transferShipped[t]);
            h = Hashing.combine(h, transferReceived[t]);
        }
        return h;
    }

    /**
     * Checks every invariant of the design over the whole state: no bucket negative; reserved and committed per
     * position equal the sums of the open reservation lines on it; in transit equals the open transfers; each
     * channel's available-to-promise equals a recount; held reservations are exactly the expiry queue.
     * O(state): for tests and the audit tool, not the hot path.
     *
     * @return null when every invariant holds, else a description of the first violation.
     */
    public String verifyInvariants()
    {
        final long[] expectReserved = new long[positionCount];
        final long[] expectCommitted = new long[positionCount];
        final long[] expectTransit = new long[positionCount];
        int held = 0;
        for (int r = 0; r < reservationPool.used(); r++)
        {
            final boolean isHeld = stateOf(r) == ReservationState.HELD.code();
            final boolean isCommitted = stateOf(r) == ReservationState.COMMITTED.code();
            held += isHeld ? 1 : 0;
            final int base = r * linesMax;
            for (int i = 0; i < lineCountOf(r) && (isHeld || isCommitted); i++)
            {
                final long outstanding = lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED];
                if (outstanding < 0 || (isHeld && lines[line(base + i) + FULFILLED] != 0))
                {
                    return "reservation " + r + " line " + i + " fulfilled beyond its quantity";
                }
                (isHeld ? expectReserved : expectCommitted)[linePositionOf(base + i)] += outstanding;
            }
        }
        if (held != expiries.size())
        {
            return "held reservations " + held + " != expiry queue " + expiries.size();
        }
        for (int t = 0; t < transferPool.used(); t++)
        {
            if (transferState[t] == TRANSFER_OPEN)
            {
                expectTransit[findPosition(transferSku[t], transferTo[t])] += transferShipped[t] - transferReceived[t];
            }
        }
        final String usage = verifyUsage();
        if (usage != null)
        {
            return usage;
        }
        final long[] expectPromise = new long[channelPromise.length];
        for (int p = 0; p < positionCount; p++)
        {
            if (positions[pos(p) + ON_HAND] < 0 || positions[pos(p) + RESERVED] < 0 || positions[pos(p) + COMMITTED] < 0 || cold.get(p, COLD_SAFETY_STOCK) < 0 || cold.get(p, COLD_DAMAGED) < 0 ||
                cold.get(p, COLD_QUARANTINED) < 0 || cold.get(p, COLD_IN_TRANSIT) < 0 || incoming.get(p, 0) < 0 || unsellable(p) > positions[pos(p) + ON_HAND])
            {
                return "negative or inconsistent bucket at " + positionAt(p);
            }
            if (positions[pos(p) + RESERVED] != expectReserved[p] || positions[pos(p) + COMMITTED] != expectCommitted[p] || cold.get(p, COLD_IN_TRANSIT) != expectTransit[p])
            {
                return "reserved/committed/in transit do not match reservations and transfers at " + positionAt(p);
            }
            long channels = locationChannels[locationOf(p)];
            while (channels != 0)
            {
                final int channel = Long.numberOfTrailingZeros(channels);
                expectPromise[promiseIndex(skuOf(p), channel)] += seen(channel, p, 0);
                channels &= channels - 1;
            }
        }
        for (int i = 0; i < channelPromise.length; i++)
        {
            if (channelPromise[i] != expectPromise[i])
            {
                return "channel available-to-promise drifted for sku " + names.sku(i / promiseRow) +
                    " channel " + names.channel(i % promiseRow) + ": " + channelPromise[i] + " != " +
                    expectPromise[i];
            }
        }
        return null;
    }

    private String verifyUsage()
    {
        final LongLongHashMap expected = new LongLongHashMap();
        for (int r = 0; r < reservationPool.used(); r++)
        {
            final int state = stateOf(r);
            final int channel = channelOf(r);
            if ((fencedChannels & (1L << channel)) == 0 ||
                state != ReservationState.HELD.code() && state != ReservationState.COMMITTED.code())
            {
                continue;
            }
            final int base = r * linesMax;
            for (int i = 0; i < lineCountOf(r); i++)
            {
                final long outstanding = lines[line(base + i) + QUANTITY] - lines[line(base + i) + FULFILLED];
                if (outstanding != 0)
                {
                    expected.addToValue(usageKey(linePositionOf(base + i), channel), outstanding);
                }
            }
        }
        return expected.equals(channelUsage) ? null : "ring-fenced channel usage drifted: " + channelUsage + " != " + expected;
    }

    /**
     * The {@link Sourcing} flyweight the sourcing policy sees: the reservation in the slot, the channel's locations
     * and what the channel may take at each, and the takes so far. One per machine, reused; allocation-free.
     */
    private final class SourcingView implements Sourcing
    {
        private final SourcingPolicy policy;
        private final double[] destination = new double[3];
        private CommandSlot slot;
        private int channel;
        private int pickup;
        private boolean hasDestination;
        private int destinationLatitude;
        private int destinationLongitude;
        private int rejectedLine;
        private int rejectedCode;
        private long rejectedAvailable;
        private boolean failed;

        SourcingView(final SourcingPolicy policy)
        {
            this.policy = policy;
        }

        /** Runs the policy over the slot's unnamed lines and checks its decision; OK or the rejection's code. */
        int run(final CommandSlot command, final int reservingChannel)
        {
            slot = command;
            channel = reservingChannel;
            pickup = command.location.isEmpty() ? -1 : locationIndex.get(command.location);
            // a pickup order's goods go to the chosen store: distances are measured from it
            hasDestination = command.destination || pickup >= 0;
            destinationLatitude = pickup >= 0 ? locationLatitude[pickup] : command.destination ? command.latitudeMicros : 0;
            destinationLongitude = pickup >= 0 ? locationLongitude[pickup] : command.destination ? command.longitudeMicros : 0;
            GreatCircle.point(destinationLatitude, destinationLongitude, destination, 0);
            rejectedLine = -1;
            failed = false;
            try
            {
                policy.source(this);
            }
            catch (final RuntimeException policyFailure)
            {
                failed = true;
            }
            slot = null;
            if (!failed && rejectedLine >= 0)
            {
                final boolean stockCode = rejectedCode >= INSUFFICIENT_STOCK && rejectedCode < RESERVATION_EXPIRED;
                return failLine(command, stockCode ? rejectedCode : SOURCING_POLICY_FAILED, rejectedLine, rejectedAvailable);
            }
            for (int line = 0; line < command.lineCount && !failed; line++)
            {
                failed = scratchLocation[line] < 0 && takenOfLine(line) != command.lineQuantity[line];
            }
            return failed ? SOURCING_POLICY_FAILED : OK;
        }

        private long takenOfLine(final int line)
        {
            long units = 0;
            for (int i = 0; i < takeCount; i++)
            {
                units += takeLine[i] == line ? takeQuantity[i] : 0;
            }
            return units;
        }

        private boolean isLine(final int line)
        {
            return slot != null && line >= 0 && line < slot.lineCount;
        }

        private boolean isChannelLocation(final int location)
        {
            return location >= 0 && location < locationCount && (locationChannels[location] & (1L << channel)) != 0;
        }

        @Override
        public String channel()
        {
            return names.channel(channel);
        }

        @Override
        public FulfilmentType fulfilment()
        {
            return FulfilmentType.fromCode(slot.kind);
        }

        @Override
        public int pickupLocation()
        {
            return pickup;
        }

        @Override
        public boolean hasDestination()
        {
            return hasDestination;
        }

        @Override
        public int destinationLatitudeMicros()
        {
            return destinationLatitude;
        }

        @Override
        public int destinationLongitudeMicros()
        {
            return destinationLongitude;
        }

        @Override
        public int lineCount()
        {
            return slot.lineCount;
        }

        @Override
        public String sku(final int line)
        {
            return names.sku(scratchSku[line]);
        }

        @Override
        public long quantity(final int line)
        {
            return slot.lineQuantity[line];
        }

        @Override
        public int namedLocation(final int line)
        {
            return scratchLocation[line];
        }

        @Override
        public int lineCapacity()
        {
            return linesMax;
        }

        @Override
        public int candidateCount()
        {
            return channelLocations[channel].length;
        }

        @Override
        public int candidate(final int index)
        {
            return channelLocations[channel][index];
        }

        @Override
        public String locationId(final int location)
        {
            return names.location(location);
        }

        @Override
        public LocationType locationType(final int location)
        {
            return LocationType.fromCode(locationType[location]);
        }

        @Override
        public int capabilities(final int location)
        {
            return locationCapabilities[location];
        }

        @Override
        public int priority(final int location)
        {
            return locationPriority[location];
        }

        @Override
        public int latitudeMicros(final int location)
        {
            return locationLatitude[location];
        }

        @Override
        public int longitudeMicros(final int location)
        {
            return locationLongitude[location];
        }

        @Override
        public long distanceKey(final int location)
        {
            return hasDestination ? GreatCircle.distanceKey(destination, 0, locationPoint, 3 * location) : 0;
        }

        @Override
        public long distanceMetres(final int location)
        {
            return hasDestination ? GreatCircle.distanceMetres(destination, 0, locationPoint, 3 * location) : 0;
        }

        @Override
        public long available(final int line, final int location)
        {
            if (!isLine(line) || !isChannelLocation(location))
            {
                return 0;
            }
            final int position = findPosition(scratchSku[line], location);
            return position < 0 ? 0 : seen(channel, position, taken(position));
        }

        @Override
        public void take(final int line, final int location, final long quantity)
        {
            if (failed || rejectedLine >= 0)
            {
                return;
            }
            final boolean fits = isLine(line) && scratchLocation[line] < 0 && quantity > 0 &&
                quantity <= available(line, location) && (takeCount < linesMax || hasTake(line, location));
            if (!fits)
            {
                failed = true;
                return;
            }
            addTake(line, findPosition(scratchSku[line], location), quantity);
        }

        private boolean hasTake(final int line, final int location)
        {
            for (int i = 0; i < takeCount; i++)
            {
                if (takeLine[i] == line && locationOf(takePosition[i]) == location)
                {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void reject(final int line, final int reasonCode, final long available)
        {
            if (rejectedLine < 0 && !failed)
            {
                rejectedLine = isLine(line) ? line : 0;
                rejectedCode = reasonCode;
                rejectedAvailable = Math.max(0, available);
            }
        }
    }

    /**
     * The {@link PriceQuote} flyweight the pricing policy sees: one line, the book price and the promotions active
     * for its SKU and channel now. One per machine, reused; allocation-free.
     */
    private final class PriceQuoteView implements PriceQuote
    {
        private final PricingPolicy policy;
        private final int[] active;
        private int activeCount;
        private int sku;
        private int location;
        private int channel;
        private long quantity;

        PriceQuoteView(final PricingPolicy policy)
        {
            this.policy = policy;
            this.active = new int[promotionIndex.capacity()];
        }

        long price(final int skuIndex, final int locationIndex, final int channelIndex, final long units)
        {
            sku = skuIndex;
            location = locationIndex;
            channel = channelIndex;
            quantity = units;
            activeCount = 0;
            for (int promotion = 0; promotion < promotionCount; promotion++)
            {
                if ((promotionSku[promotion] < 0 || promotionSku[promotion] == sku) &&
                    (promotionChannel[promotion] < 0 || promotionChannel[promotion] == channel) &&
                    promotionStartMs[promotion] <= nowMs && nowMs < promotionEndMs[promotion])
                {
                    active[activeCount++] = promotion;
                }
            }
            try
            {
                final long price = policy.unitPrice(this);
                return price >= 0 && price <= Limits.PRICE_MAX ? price : -1;
            }
            catch (final RuntimeException policyFailure)
            {
                return -1;
            }
        }

        @Override
        public String sku()
        {
            return names.sku(sku);
        }

        @Override
        public String location()
        {
            return names.location(location);
        }

        @Override
        public String channel()
        {
            return names.channel(channel);
        }

        @Override
        public long timeMs()
        {
            return nowMs;
        }

        @Override
        public long quantity()
        {
            return quantity;
        }

        @Override
        public long bookPrice()
        {
            final long local = localPrice.isEmpty() ? -1 : localPrice.getIfAbsent(positionKey(sku, location), -1);
            return local >= 0 ? local : bookPrice[sku];
        }

        @Override
        public int promotionCount()
        {
            return activeCount;
        }

        @Override
        public String promotionId(final int index)
        {
            return promotionNames[active[index]];
        }

        @Override
        public int percentOff(final int index)
        {
            return promotionPercent[active[index]];
        }

        @Override
        public long amountOffMinor(final int index)
        {
            return promotionAmount[active[index]];
        }
    }
}
