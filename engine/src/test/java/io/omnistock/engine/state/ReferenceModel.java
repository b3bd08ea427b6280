package io.omnistock.engine.state;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.CommandType;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.ExtendHold;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.Limits;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.EngineConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.omnistock.api.ReasonCode.*;

/**
 * A small, deliberately naive model of the engine's documented semantics, written apart from the
 * {@link StateMachine} for the property test to run beside it: plain maps and lists, names instead of indexes,
 * every derived number (reserved, committed, in transit, available, available-to-promise) recomputed from the
 * reservations and transfers on every read instead of kept incrementally. It knows nothing of slots, codecs or
 * hashes; it takes the API's command values and answers what the engine must answer, including the boundary's
 * rejections, the precedence of the writer's rejections, idempotent replay, expiry by engine time, the events
 * (as comparable {@link Fact}s) and the states after. Capacities and the recycling of finished reservations and
 * transfers follow the documented policy (never-used slots first, then the oldest finished one).
 *
 * <p>Single-threaded; allocates freely (it is a test oracle, not a hot path).
 */
final class ReferenceModel
{
    /**
     * The comparable projection of one event: the fields the event type documents, with every other field at
     * its empty value ({@code 0}, {@code ""}, {@code null}, an empty list).
     *
     * @param type        the event type.
     * @param sequence    its global sequence.
     * @param timeMs      its engine time (the deadline for an expiry).
     * @param commandKey  the idempotency key of the command that caused it; "" for an expiry.
     * @param reasonCode  the rejection's reason code, else 0.
     * @param reference   the command's reservation or transfer key or defined id; the reservation of an expiry.
     * @param sku         the SKU of a movement, else null.
     * @param location    the location of a movement (the source of a transfer shipment), else null.
     * @param quantity    the quantity of a movement or the target time of a time advance, else 0.
     * @param variance    settled (receipt), count minus shelf before (count), still in transit (transfer in), else 0.
     * @param deadlineMs  the hold deadline a reservation or extension records, else 0.
     * @param state       the reservation state a reservation event records, else null.
     * @param lines       {@code sku@location=quantity} per line of a reservation event, else empty.
     */
    record Fact(
        EventType type,
        long sequence,
        long timeMs,
        String commandKey,
        int reasonCode,
        String reference,
        String sku,
        String location,
        long quantity,
        long variance,
        long deadlineMs,
        ReservationState state,
        List<String> lines)
    {
        /**
         * @param sku      the SKU.
         * @param location the location.
         * @param quantity the units.
         * @return the rendering of one reservation line in {@link #lines()}.
         */
        static String line(final String sku, final String location, final long quantity)
        {
            return sku + "@" + location + "=" + quantity;
        }
    }

    /**
     * What one command gets back, comparable as a whole.
     *
     * @param applied       false when the API boundary rejected it (then nothing else happened).
     * @param code          the reason code.
     * @param duplicate     true for a replayed outcome.
     * @param sequence      the sequence of the outcome event (the original one for a replay), -1 for none.
     * @param timeMs        engine time after the command, -1 for a boundary rejection.
     * @param lineIndex     the failing line, or -1.
     * @param available     what was available at the failing line, or -1.
     * @param lineLocations the location held per line of a successful reservation.
     * @param events        the events the command caused, in order.
     */
    record Outcome(
        boolean applied,
        int code,
        boolean duplicate,
        long sequence,
        long timeMs,
        int lineIndex,
        long available,
        List<String> lineLocations,
        List<Fact> events)
    {
    }

    private record PositionKey(String sku, String location)
    {
    }

    private record Location(String id, LocationType type, int capabilities, int priority, int order)
    {
    }

    private record Memo(Command payload, int code, int lineIndex, long available, long sequence, long timeMs,
        long reservationSerial)
    {
    }

    private static final class Position
    {
        long onHand;
        long safetyStock;
        long damaged;
        long quarantined;
        long incoming;
    }

    private record Rule(long bufferUnits, int bufferPercent, int sharePercent)
    {
    }

    private record Promotion(String sku, String channel, long startMs, long endMs, int percentOff, long amountOff)
    {
    }

    private static final class Line
    {
        final String sku;
        final String location;
        final long quantity;
        long fulfilled;
        long price = -1;

        Line(final String sku, final String location, final long quantity)
        {
            this.sku = sku;
            this.location = location;
            this.quantity = quantity;
        }

        long outstanding()
        {
            return quantity - fulfilled;
        }
    }

    private static final class Reservation
    {
        final String key;
        final String channel;
        final FulfilmentType fulfilment;
        final long createdMs;
        final long serial;
        final List<Line> lines;
        long deadlineMs;
        ReservationState state = ReservationState.HELD;

        Reservation(final String key, final String channel, final FulfilmentType fulfilment, final long createdMs,
            final long deadlineMs, final long serial, final List<Line> lines)
        {
            this.key = key;
            this.channel = channel;
            this.fulfilment = fulfilment;
            this.createdMs = createdMs;
            this.deadlineMs = deadlineMs;
            this.serial = serial;
            this.lines = lines;
        }
    }

    private static final class Transfer
    {
        final String sku;
        final String to;
        final long shipped;
        long received;

        Transfer(final String sku, final String to, final long shipped)
        {
            this.sku = sku;
            this.to = to;
            this.shipped = shipped;
        }

        boolean open()
        {
            return received < shipped;
        }
    }

    private final EngineConfig config;
    private long nowMs;
    private long sequence;
    private long reservationSerials;

    private final List<String> skus = new ArrayList<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private final Map<String, List<String>> channels = new LinkedHashMap<>();
    /** Channel rules by scope: {@code channel}, {@code channel@location} or {@code channel#sku}. */
    private final Map<String, Rule> rules = new HashMap<>();
    /** Book prices by SKU ({@code sku}) and local prices ({@code sku@location}). */
    private final Map<String, Long> prices = new HashMap<>();
    /** Promotions by id, in first-definition order. */
    private final Map<String, Promotion> promotions = new LinkedHashMap<>();
    private final Map<PositionKey, Position> positions = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final List<String> createdReservations = new ArrayList<>();
    private final ArrayDeque<String> finishedReservations = new ArrayDeque<>();
    private int reservationSlotsUsed;
    private final Map<String, Transfer> transfers = new HashMap<>();
    private final List<String> createdTransfers = new ArrayList<>();
    private final ArrayDeque<String> finishedTransfers = new ArrayDeque<>();
    private int transferSlotsUsed;
    private final LinkedHashMap<String, Memo> memos = new LinkedHashMap<>();

    private List<Fact> events;
    private String currentKey;
    private int currentCode;
    private long replySequence;
    private int lineIndex;
    private long lineAvailable;
    private List<String> lineLocations;
    private int sourcingCode;
    private long createdSerial;

    /**
     * @param config the capacities and limits the engine under test runs with.
     */
    ReferenceModel(final EngineConfig config)
    {
        this.config = config;
    }

    // ------------------------------------------------------------------------------------------------------
    // Commands
    // ------------------------------------------------------------------------------------------------------

    /**
     * Applies a command stamped with a pipeline timestamp.
     *
     * @param command     the command.
     * @param timestampMs the timestamp.
     * @return what the engine must answer.
     */
    Outcome send(final Command command, final long timestampMs)
    {
        final int boundary = boundary(command);
        if (boundary != OK)
        {
            return new Outcome(false, boundary, false, -1, -1, -1, -1, List.of(), List.of());
        }
        startReply();
        currentKey = command.key();
        List<long[]> levelsBefore = levels();
        advanceTo(timestampMs);
        if (command.type() == CommandType.DEFINE_CHANNEL || command.type() == CommandType.SET_CHANNEL_RULE)
        {
            // configuration moves ATP without threshold events: only what the expiries moved is reported
            reportCrossings(levelsBefore);
            levelsBefore = null;
        }
        final Command payload = withKey(command, "-");
        final Memo memo = memos.get(command.key());
        if (memo != null)
        {
            if (memo.payload().equals(payload))
            {
                reportCrossings(levelsBefore);
                return replay(command, memo);
            }
            reject(command, IDEMPOTENCY_CONFLICT);
        }
        else if (memos.size() == config.idempotencyCapacity() && !forgetOldestKey())
        {
            reject(command, IDEMPOTENCY_CAPACITY_EXHAUSTED);
        }
        else
        {
            final int code = execute(command);
            if (code != OK)
            {
                reject(command, code);
            }
            final int group = code / 100;
            if (group != 1 && group != 5 && group != 6)
            {
                memos.put(command.key(), new Memo(payload, code, lineIndex, lineAvailable, replySequence, nowMs,
                    code == OK && command.type() == CommandType.RESERVE ? createdSerial : -1));
            }
        }
        reportCrossings(levelsBefore);
        return finishReply(currentCode);
    }

    /**
     * Every stock level a threshold watches, in the engine's reporting order: each position's available (never
     * negative) by SKU then location definition order, then each SKU's available-to-promise per channel by SKU
     * then channel definition order. Entries: {@code [kind (0 position, 1 channel), sku, location or channel, level]}.
     */
    private List<long[]> levels()
    {
        final List<long[]> levels = new ArrayList<>();
        final List<String> locationIds = new ArrayList<>(locations.keySet());
        final List<String> channelIds = new ArrayList<>(channels.keySet());
        for (int sku = 0; sku < skus.size() && config.positionLowStockUnits() >= 0; sku++)
        {
            for (int location = 0; location < locationIds.size(); location++)
            {
                if (find(skus.get(sku), locationIds.get(location)) != null)
                {
                    levels.add(new long[] {0, sku, location,
                        Math.max(0, available(skus.get(sku), locationIds.get(location)))});
                }
            }
        }
        for (int sku = 0; sku < skus.size() && config.channelLowStockUnits() >= 0; sku++)
        {
            for (int channel = 0; channel < channelIds.size(); channel++)
            {
                levels.add(new long[] {1, sku, channel, availableToPromise(skus.get(sku), channelIds.get(channel))});
            }
        }
        return levels;
    }

    /** The documented net crossings of the command: each watched level before it against after it. */
    private void reportCrossings(final List<long[]> levelsBefore)
    {
        if (levelsBefore == null)
        {
            return;
        }
        final Map<String, Long> before = new HashMap<>();
        for (final long[] level : levelsBefore)
        {
            before.put(level[0] + "/" + level[1] + "/" + level[2], level[3]);
        }
        final List<String> locationIds = new ArrayList<>(locations.keySet());
        final List<String> channelIds = new ArrayList<>(channels.keySet());
        for (final long[] level : levels())
        {
            final boolean position = level[0] == 0;
            final long was = before.getOrDefault(level[0] + "/" + level[1] + "/" + level[2], 0L);
            final long low = position ? config.positionLowStockUnits() : config.channelLowStockUnits();
            final long now = level[3];
            final String crossed = was > 0 && now == 0 ? "OUT_OF_STOCK" : was == 0 && now > 0 ? "BACK_IN_STOCK" :
                was > low && now <= low && now > 0 ? "LOW_STOCK" : null;
            if (crossed != null)
            {
                final String where = position ? locationIds.get((int)level[2]) : "channel:" + channelIds.get((int)level[2]);
                events.add(new Fact(EventType.THRESHOLD_CROSSED, ++sequence, nowMs, currentKey, 0, "",
                    skus.get((int)level[1]), where, level[3], was, 0, null, List.of(crossed)));
            }
        }
    }

    /**
     * A timer tick from the pipeline: time moves, due holds expire, nothing is remembered.
     *
     * @param timestampMs the timestamp.
     * @return what the engine must answer.
     */
    Outcome tick(final long timestampMs)
    {
        startReply();
        currentKey = "";
        final List<long[]> levelsBefore = levels();
        advanceTo(timestampMs);
        reportCrossings(levelsBefore);
        return new Outcome(true, OK, false, -1, nowMs, -1, -1, List.of(), List.copyOf(events));
    }

    private void startReply()
    {
        events = new ArrayList<>();
        replySequence = -1;
        lineIndex = -1;
        lineAvailable = -1;
        lineLocations = List.of();
        createdSerial = -1;
        currentCode = OK;
    }

    private Outcome finishReply(final int code)
    {
        return new Outcome(true, code, false, replySequence, nowMs, lineIndex, lineAvailable, lineLocations,
            List.copyOf(events));
    }

    private Outcome replay(final Command command, final Memo memo)
    {
        List<String> held = List.of();
        if (memo.code() == OK && command.type() == CommandType.RESERVE)
        {
            final Reservation reservation = reservations.get(((Reserve)command).reservation());
            if (reservation != null && reservation.serial == memo.reservationSerial())
            {
                held = heldLocations(reservation);
            }
        }
        return new Outcome(true, memo.code(), true, memo.sequence(), nowMs, memo.lineIndex(), memo.available(),
            held, List.copyOf(events));
    }

    /**
     * A full table makes room before any new command is decided, by forgetting its oldest key once that key is
     * past its retention, whether or not the new outcome will be remembered (the engine's documented policy).
     */
    private boolean forgetOldestKey()
    {
        final String oldest = memos.keySet().iterator().next();
        if (nowMs - memos.get(oldest).timeMs() < config.idempotencyRetentionMs())
        {
            return false;
        }
        memos.remove(oldest);
        return true;
    }

    private void reject(final Command command, final int code)
    {
        currentCode = code;
        lineLocations = List.of();
        replySequence = ++sequence;
        events.add(new Fact(EventType.REJECTED, replySequence, nowMs, currentKey, code, reference(command), null, null,
            0, 0, 0, null, List.of()));
    }

    private int failLine(final int code, final int line, final long available)
    {
        lineIndex = line;
        lineAvailable = available;
        return code;
    }

    private void emit(final EventType type, final Command command, final String sku, final String location,
        final long quantity, final long variance)
    {
        replySequence = ++sequence;
        events.add(new Fact(type, replySequence, nowMs, currentKey, 0, reference(command), sku, location, quantity,
            variance, 0, null, List.of()));
    }

    private void emitReservation(final EventType type, final Command command, final long deadlineMs,
        final ReservationState state, final List<String> lines)
    {
        replySequence = ++sequence;
        events.add(new Fact(type, replySequence, nowMs, currentKey, 0, reference(command), null, null, 0, 0,
            deadlineMs, state, lines));
    }

    private int execute(final Command command)
    {
        switch (command.type())
        {
            case DEFINE_SKU: return defineSku((DefineSku)command);
            case DEFINE_LOCATION: return defineLocation((DefineLocation)command);
            case DEFINE_CHANNEL: return defineChannel((DefineChannel)command);
            case SET_CHANNEL_RULE: return setChannelRule((SetChannelRule)command);
            case SET_PRICE: return setPrice((SetPrice)command);
            case DEFINE_PROMOTION: return definePromotion((DefinePromotion)command);
            case RECEIVE: return receive((Receive)command);
            case EXPECT_RECEIPT: return expectReceipt((ExpectReceipt)command);
            case ADJUST: return adjust((Adjust)command);
            case COUNT: return count((CycleCount)command);
            case SET_SAFETY_STOCK: return setSafetyStock((SetSafetyStock)command);
            case SELL: return sell((PosSale)command);
            case TRANSFER_OUT: return transferOut((TransferOut)command);
            case TRANSFER_IN: return transferIn((TransferIn)command);
            case RETURN: return returnGoods((Return)command);
            case RESERVE: return reserve((Reserve)command);
            case EXTEND_HOLD: return extendHold((ExtendHold)command);
            case CONFIRM: return confirm((Confirm)command);
            case RELEASE: return release((Release)command);
            case FULFIL: return fulfil((Fulfil)command);
            case ADVANCE_TIME: return advanceTime((AdvanceTime)command);
            default: throw new IllegalStateException("unmodelled command " + command);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The API boundary
    // ------------------------------------------------------------------------------------------------------

    private int boundary(final Command command)
    {
        if (!isId(command.key()))
        {
            return INVALID_KEY;
        }
        switch (command.type())
        {
            case DEFINE_SKU: return ids(((DefineSku)command).sku());
            case DEFINE_LOCATION:
                return ((DefineLocation)command).locationType() == null ? INVALID_ARGUMENT :
                    ids(((DefineLocation)command).location());
            case DEFINE_CHANNEL: return channelBoundary((DefineChannel)command);
            case SET_PRICE:
            {
                final SetPrice c = (SetPrice)command;
                return isId(c.sku()) && (c.location() == null || isId(c.location())) ? OK : INVALID_ID;
            }
            case DEFINE_PROMOTION:
            {
                final DefinePromotion c = (DefinePromotion)command;
                return isId(c.promotion()) && (c.sku() == null || isId(c.sku())) && (c.channel() == null || isId(c.channel())) ?
                    OK : INVALID_ID;
            }
            case SET_CHANNEL_RULE:
            {
                final SetChannelRule c = (SetChannelRule)command;
                return isId(c.channel()) && (c.sku() == null || isId(c.sku())) && (c.location() == null || isId(c.location())) ?
                    OK : INVALID_ID;
            }
            case RECEIVE: return ids(((Receive)command).sku(), ((Receive)command).location());
            case EXPECT_RECEIPT: return ids(((ExpectReceipt)command).sku(), ((ExpectReceipt)command).location());
            case ADJUST:
            {
                final Adjust c = (Adjust)command;
                return c.bucket() == null || c.reason() == null ? INVALID_ARGUMENT : ids(c.sku(), c.location());
            }
            case COUNT: return ids(((CycleCount)command).sku(), ((CycleCount)command).location());
            case SET_SAFETY_STOCK: return ids(((SetSafetyStock)command).sku(), ((SetSafetyStock)command).location());
            case SELL: return ids(((PosSale)command).channel(), ((PosSale)command).sku(), ((PosSale)command).location());
            case TRANSFER_OUT:
            {
                final TransferOut c = (TransferOut)command;
                return ids(c.transfer(), c.sku(), c.fromLocation(), c.toLocation());
            }
            case TRANSFER_IN: return ids(((TransferIn)command).transfer());
            case RETURN:
            {
                final Return c = (Return)command;
                return c.disposition() == null ? INVALID_ARGUMENT : ids(c.channel(), c.sku(), c.location());
            }
            case RESERVE: return reserveBoundary((Reserve)command);
            case EXTEND_HOLD: return ids(((ExtendHold)command).reservation());
            case CONFIRM: return ids(((Confirm)command).reservation());
            case RELEASE: return ids(((Release)command).reservation());
            case FULFIL:
                return ((Fulfil)command).lineCount() > config.linesPerReservationMax() ? TOO_MANY_LINES :
                    ids(((Fulfil)command).reservation());
            case ADVANCE_TIME: return OK;
            default: return INVALID_ARGUMENT;
        }
    }

    private int channelBoundary(final DefineChannel command)
    {
        if (!isId(command.channel()))
        {
            return INVALID_ID;
        }
        if (command.locations() == null || command.locations().isEmpty())
        {
            return EMPTY;
        }
        if (command.locations().size() > config.locationCapacity())
        {
            return TOO_MANY_LINES;
        }
        for (final String location : command.locations())
        {
            if (!isId(location))
            {
                return INVALID_ID;
            }
        }
        return OK;
    }

    private int reserveBoundary(final Reserve command)
    {
        if (!isId(command.reservation()) || !isId(command.channel()) ||
            command.pickupLocation() != null && !isId(command.pickupLocation()))
        {
            return INVALID_ID;
        }
        if (command.fulfilment() == null)
        {
            return INVALID_ARGUMENT;
        }
        if (command.lines() == null || command.lines().isEmpty())
        {
            return EMPTY;
        }
        if (command.lines().size() > config.linesPerReservationMax())
        {
            return TOO_MANY_LINES;
        }
        for (final ReserveLine line : command.lines())
        {
            if (line == null)
            {
                return INVALID_ARGUMENT;
            }
            if (!isId(line.sku()) || (line.location() != null && !isId(line.location())))
            {
                return INVALID_ID;
            }
        }
        return OK;
    }

    private static int ids(final String... ids)
    {
        for (final String id : ids)
        {
            if (!isId(id))
            {
                return INVALID_ID;
            }
        }
        return OK;
    }

    /**
     * @param id a candidate id or key.
     * @return true for 1..{@link Limits#ID_LENGTH_MAX} printable ASCII characters other than space.
     */
    static boolean isId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > Limits.ID_LENGTH_MAX)
        {
            return false;
        }
        for (final char c : id.toCharArray())
        {
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------
    // Time
    // ------------------------------------------------------------------------------------------------------

    private void advanceTo(final long timeMs)
    {
        while (true)
        {
            Reservation due = null;
            for (final Reservation reservation : reservations.values())
            {
                if (reservation.state == ReservationState.HELD && reservation.deadlineMs <= timeMs &&
                    (due == null || reservation.deadlineMs < due.deadlineMs ||
                    (reservation.deadlineMs == due.deadlineMs && reservation.serial < due.serial)))
                {
                    due = reservation;
                }
            }
            if (due == null)
            {
                break;
            }
            nowMs = Math.max(nowMs, due.deadlineMs);
            final List<String> givenBack = outstandingLines(due);
            finish(due, ReservationState.EXPIRED);
            ++sequence;
            events.add(new Fact(EventType.EXPIRED, sequence, due.deadlineMs, "", 0, due.key, null, null, 0, 0, 0,
                ReservationState.EXPIRED, givenBack));
        }
        nowMs = Math.max(nowMs, timeMs);
    }

    private int advanceTime(final AdvanceTime command)
    {
        if (command.timeMs() < 0)
        {
            return INVALID_ARGUMENT;
        }
        advanceTo(command.timeMs());
        emit(EventType.TIME_ADVANCED, command, null, null, command.timeMs(), 0);
        return OK;
    }

    // ------------------------------------------------------------------------------------------------------
    // Definitions
    // ------------------------------------------------------------------------------------------------------

    private int defineSku(final DefineSku command)
    {
        if (skus.contains(command.sku()))
        {
            return ALREADY_DEFINED;
        }
        if (skus.size() == config.skuCapacity())
        {
            return SKU_CAPACITY_EXHAUSTED;
        }
        skus.add(command.sku());
        emit(EventType.SKU_DEFINED, command, null, null, 0, 0);
        return OK;
    }

    private int defineLocation(final DefineLocation command)
    {
        if (command.capabilities() < 0 || command.capabilities() > LocationCapability.ALL ||
            Math.abs((long)command.latitudeMicros()) > 90_000_000 ||
            Math.abs((long)command.longitudeMicros()) > 180_000_000)
        {
            return INVALID_ARGUMENT;
        }
        if (locations.containsKey(command.location()))
        {
            return ALREADY_DEFINED;
        }
        if (locations.size() == config.locationCapacity())
        {
            return LOCATION_CAPACITY_EXHAUSTED;
        }
        locations.put(command.location(),
            new Location(command.location(), command.locationType(), command.capabilities(), command.priority(),
                locations.size()));
        emit(EventType.LOCATION_DEFINED, command, null, null, 0, 0);
        return OK;
    }

    private int defineChannel(final DefineChannel command)
    {
        final List<String> listed = command.locations();
        for (int i = 0; i < listed.size(); i++)
        {
            if (!locations.containsKey(listed.get(i)))
            {
                return failLine(UNKNOWN_LOCATION, i, -1);
            }
            if (listed.subList(0, i).contains(listed.get(i)))
            {
                return failLine(DUPLICATE_LINE, i, -1);
            }
        }
        if (channels.containsKey(command.channel()))
        {
            return ALREADY_DEFINED;
        }
        if (channels.size() == config.channelCapacity())
        {
            return CHANNEL_CAPACITY_EXHAUSTED;
        }
        final List<Location> byPreference = new ArrayList<>();
        for (final String location : listed)
        {
            byPreference.add(locations.get(location));
        }
        byPreference.sort(Comparator.comparingInt(Location::priority).thenComparingInt(Location::order));
        final List<String> ordered = new ArrayList<>();
        for (final Location location : byPreference)
        {
            ordered.add(location.id());
        }
        channels.put(command.channel(), ordered);
        emit(EventType.CHANNEL_DEFINED, command, null, null, 0, 0);
        return OK;
    }

    // ------------------------------------------------------------------------------------------------------
    // Positions, derived quantities
    // ------------------------------------------------------------------------------------------------------

    private Position find(final String sku, final String location)
    {
        return positions.get(new PositionKey(sku, location));
    }

    private boolean canCreate(final String sku, final String location)
    {
        return find(sku, location) != null || positions.size() < config.positionCapacity();
    }

    private Position findOrCreate(final String sku, final String location)
    {
        return positions.computeIfAbsent(new PositionKey(sku, location), k -> new Position());
    }

    private long held(final String sku, final String location, final ReservationState state)
    {
        long units = 0;
        for (final Reservation reservation : reservations.values())
        {
            if (reservation.state == state)
            {
                for (final Line line : reservation.lines)
                {
                    if (line.sku.equals(sku) && line.location.equals(location))
                    {
                        units += line.outstanding();
                    }
                }
            }
        }
        return units;
    }

    private long inTransit(final String sku, final String location)
    {
        long units = 0;
        for (final Transfer transfer : transfers.values())
        {
            if (transfer.open() && transfer.sku.equals(sku) && transfer.to.equals(location))
            {
                units += transfer.shipped - transfer.received;
            }
        }
        return units;
    }

    private long free(final String sku, final String location)
    {
        final Position p = find(sku, location);
        return p.onHand - held(sku, location, ReservationState.HELD) - held(sku, location, ReservationState.COMMITTED) -
            p.damaged - p.quarantined;
    }

    private long available(final String sku, final String location)
    {
        final long free = free(sku, location);
        return free <= 0 ? free : Math.max(0, free - find(sku, location).safetyStock);
    }

    private static long shelf(final Position p)
    {
        return p.onHand - p.damaged - p.quarantined;
    }

    private static boolean isQuantity(final long quantity)
    {
        return quantity >= 1 && quantity <= Limits.QUANTITY_MAX;
    }

    private static int quantityCode(final long quantity)
    {
        return quantity > Limits.QUANTITY_MAX ? QUANTITY_OVERFLOW : INVALID_QUANTITY;
    }

    private int known(final String sku, final String location)
    {
        if (!skus.contains(sku))
        {
            return UNKNOWN_SKU;
        }
        return locations.containsKey(location) ? OK : UNKNOWN_LOCATION;
    }

    private void reportOversell(final Command command, final String sku, final String location, final long freeBefore)
    {
        final long freeAfter = free(sku, location);
        if (freeAfter < 0 && freeAfter < freeBefore)
        {
            ++sequence;
            events.add(new Fact(EventType.OVERSOLD, sequence, nowMs, currentKey, 0, "", sku, location, -freeAfter, 0, 0,
                null, List.of()));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Movements without a reservation
    // ------------------------------------------------------------------------------------------------------

    private int receive(final Receive command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        final Position existing = find(command.sku(), command.location());
        if (existing != null && existing.onHand + quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final Position p = findOrCreate(command.sku(), command.location());
        final long settled = Math.min(p.incoming, quantity);
        p.onHand += quantity;
        p.incoming -= settled;
        emit(EventType.RECEIVED, command, command.sku(), command.location(), quantity, settled);
        return OK;
    }

    private int expectReceipt(final ExpectReceipt command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        final Position existing = find(command.sku(), command.location());
        if (existing != null && existing.incoming + quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        findOrCreate(command.sku(), command.location()).incoming += quantity;
        emit(EventType.RECEIPT_EXPECTED, command, command.sku(), command.location(), quantity, 0);
        return OK;
    }

    private int adjust(final Adjust command)
    {
        final long delta = command.delta();
        if (delta == 0)
        {
            return INVALID_QUANTITY;
        }
        if (delta < -Limits.QUANTITY_MAX || delta > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        final Position existing = find(command.sku(), command.location());
        if (delta < 0)
        {
            final long removable = existing == null ? 0 : command.bucket() == StockBucket.DAMAGED ? existing.damaged :
                command.bucket() == StockBucket.QUARANTINED ? existing.quarantined : shelf(existing);
            if (removable < -delta)
            {
                return INSUFFICIENT_ON_HAND;
            }
        }
        else if (existing != null && existing.onHand + delta > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final Position p = findOrCreate(command.sku(), command.location());
        final long freeBefore = free(command.sku(), command.location());
        p.onHand += delta;
        if (command.bucket() == StockBucket.DAMAGED)
        {
            p.damaged += delta;
        }
        if (command.bucket() == StockBucket.QUARANTINED)
        {
            p.quarantined += delta;
        }
        emit(EventType.ADJUSTED, command, command.sku(), command.location(), delta, 0);
        reportOversell(command, command.sku(), command.location(), freeBefore);
        return OK;
    }

    private int count(final CycleCount command)
    {
        final long counted = command.countedQuantity();
        if (counted < 0)
        {
            return INVALID_QUANTITY;
        }
        if (counted > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        final Position existing = find(command.sku(), command.location());
        if (existing != null && counted + existing.damaged + existing.quarantined > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final Position p = findOrCreate(command.sku(), command.location());
        final long freeBefore = free(command.sku(), command.location());
        final long shelfBefore = shelf(p);
        p.onHand = counted + p.damaged + p.quarantined;
        emit(EventType.COUNTED, command, command.sku(), command.location(), counted, counted - shelfBefore);
        reportOversell(command, command.sku(), command.location(), freeBefore);
        return OK;
    }

    private int setPrice(final SetPrice command)
    {
        final long price = command.unitPriceMinor();
        if (price < 0 || price > Limits.PRICE_MAX)
        {
            return price < 0 ? INVALID_QUANTITY : QUANTITY_OVERFLOW;
        }
        if (!skus.contains(command.sku()))
        {
            return UNKNOWN_SKU;
        }
        if (command.location() != null && !locations.containsKey(command.location()))
        {
            return UNKNOWN_LOCATION;
        }
        prices.put(command.location() == null ? command.sku() : command.sku() + "@" + command.location(), price);
        emit(EventType.PRICE_SET, command, command.sku(), command.location(), price, 0);
        return OK;
    }

    private int definePromotion(final DefinePromotion command)
    {
        if (command.percentOff() < 0 || command.percentOff() > 100 || command.endMs() <= command.startMs())
        {
            return INVALID_ARGUMENT;
        }
        if (command.amountOffMinor() < 0 || command.amountOffMinor() > Limits.PRICE_MAX)
        {
            return command.amountOffMinor() < 0 ? INVALID_QUANTITY : QUANTITY_OVERFLOW;
        }
        if (command.sku() != null && !skus.contains(command.sku()))
        {
            return UNKNOWN_SKU;
        }
        if (command.channel() != null && !channels.containsKey(command.channel()))
        {
            return UNKNOWN_CHANNEL;
        }
        if (!promotions.containsKey(command.promotion()) && promotions.size() == config.promotionCapacity())
        {
            final String ended = promotions.entrySet().stream().filter(p -> p.getValue().endMs() <= nowMs)
                .map(Map.Entry::getKey).findFirst().orElse(null);
            if (ended == null)
            {
                return PROMOTION_CAPACITY_EXHAUSTED;
            }
            promotions.remove(ended);
        }
        promotions.put(command.promotion(), new Promotion(command.sku(), command.channel(), command.startMs(),
            command.endMs(), command.percentOff(), command.amountOffMinor()));
        emit(EventType.PROMOTION_DEFINED, command, command.sku(), command.channel(), command.amountOffMinor(),
            command.startMs() * 1000 + command.percentOff());
        return OK;
    }

    /**
     * The documented default pricing: the location's price, else the SKU's, else unpriced (-1); less the best
     * single active promotion for the SKU and channel (percentage rounded half up, then the amount, never below 0).
     */
    private long price(final String sku, final String location, final String channel)
    {
        final Long book = prices.getOrDefault(sku + "@" + location, prices.get(sku));
        if (book == null)
        {
            return -1;
        }
        long best = book;
        for (final Promotion p : promotions.values())
        {
            if ((p.sku() == null || p.sku().equals(sku)) && (p.channel() == null || p.channel().equals(channel)) &&
                p.startMs() <= nowMs && nowMs < p.endMs())
            {
                best = Math.min(best, Math.max(0, book - Math.round(book * p.percentOff() / 100.0) - p.amountOff()));
            }
        }
        return best;
    }

    private int setChannelRule(final SetChannelRule command)
    {
        final List<String> channel = channels.get(command.channel());
        if (channel == null)
        {
            return UNKNOWN_CHANNEL;
        }
        if (command.sku() != null && command.location() != null || command.bufferPercent() < 0 ||
            command.bufferPercent() > 100 || command.sharePercent() < 0 || command.sharePercent() > 100)
        {
            return INVALID_ARGUMENT;
        }
        if (command.bufferUnits() < 0)
        {
            return INVALID_QUANTITY;
        }
        if (command.bufferUnits() > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (command.sku() != null && !skus.contains(command.sku()))
        {
            return UNKNOWN_SKU;
        }
        if (command.location() != null && !locations.containsKey(command.location()))
        {
            return UNKNOWN_LOCATION;
        }
        if (command.location() != null && !channel.contains(command.location()))
        {
            return LOCATION_NOT_IN_CHANNEL;
        }
        final String scope = command.sku() != null ? command.channel() + "#" + command.sku() :
            command.location() != null ? command.channel() + "@" + command.location() : command.channel();
        rules.put(scope, new Rule(command.bufferUnits(), command.bufferPercent(), command.sharePercent()));
        emit(EventType.CHANNEL_RULE_SET, command, command.sku(), command.location(), command.bufferUnits(),
            command.bufferPercent() * 1000L + command.sharePercent());
        return OK;
    }

    /**
     * What a channel may take at a position, straight from the documented formula of {@link SetChannelRule}: the
     * most specific rule, a buffer of units or a rounded-up percentage, a fence on a share of the shelf less
     * what the channel's open reservations hold there, never negative.
     */
    private long seen(final String channel, final String sku, final String location, final long pending)
    {
        final long available = available(sku, location) - pending;
        if (available <= 0)
        {
            return 0;
        }
        Rule rule = rules.get(channel + "#" + sku);
        rule = rule != null ? rule : rules.get(channel + "@" + location);
        rule = rule != null ? rule : rules.get(channel);
        if (rule == null)
        {
            return available;
        }
        final long buffer = Math.max(rule.bufferUnits(), (available * rule.bufferPercent() + 99) / 100);
        long seen = available - buffer;
        if (rule.sharePercent() < 100)
        {
            long used = 0;
            for (final Reservation r : reservations.values())
            {
                if (r.channel.equals(channel) && (r.state == ReservationState.HELD || r.state == ReservationState.COMMITTED))
                {
                    used += pending(r.lines, sku, location) - fulfilled(r.lines, sku, location);
                }
            }
            final long fence = Math.max(0, shelf(find(sku, location))) * rule.sharePercent() / 100 - used - pending;
            seen = Math.min(seen, fence);
        }
        return Math.max(0, seen);
    }

    private static long fulfilled(final List<Line> lines, final String sku, final String location)
    {
        return sum(lines, sku, location, line -> line.fulfilled);
    }

    private int setSafetyStock(final SetSafetyStock command)
    {
        final long quantity = command.quantity();
        if (quantity < 0)
        {
            return INVALID_QUANTITY;
        }
        if (quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        findOrCreate(command.sku(), command.location()).safetyStock = quantity;
        emit(EventType.SAFETY_STOCK_SET, command, command.sku(), command.location(), quantity, 0);
        return OK;
    }

    private int sell(final PosSale command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        if (!channels.containsKey(command.channel()))
        {
            return UNKNOWN_CHANNEL;
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        if (!channels.get(command.channel()).contains(command.location()))
        {
            return LOCATION_NOT_IN_CHANNEL;
        }
        final Position p = find(command.sku(), command.location());
        final long shelf = p == null ? 0 : shelf(p);
        if (shelf < quantity)
        {
            return failLine(INSUFFICIENT_ON_HAND, 0, shelf);
        }
        final long freeBefore = free(command.sku(), command.location());
        p.onHand -= quantity;
        emit(EventType.SOLD, command, command.sku(), command.location(), quantity,
            price(command.sku(), command.location(), command.channel()));
        reportOversell(command, command.sku(), command.location(), freeBefore);
        return OK;
    }

    private int transferOut(final TransferOut command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        final int code = known(command.sku(), command.fromLocation());
        if (code != OK)
        {
            return code;
        }
        if (!locations.containsKey(command.toLocation()))
        {
            return UNKNOWN_LOCATION;
        }
        if (command.toLocation().equals(command.fromLocation()))
        {
            return SAME_LOCATION;
        }
        if (transfers.containsKey(command.transfer()))
        {
            return KEY_IN_USE;
        }
        final long available = find(command.sku(), command.fromLocation()) == null ? 0 :
            available(command.sku(), command.fromLocation());
        if (available < quantity)
        {
            return failLine(INSUFFICIENT_STOCK, 0, Math.max(0, available));
        }
        if (find(command.sku(), command.toLocation()) != null &&
            inTransit(command.sku(), command.toLocation()) + quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.toLocation()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        if (transferSlotsUsed == config.transferCapacity() && finishedTransfers.isEmpty())
        {
            return TRANSFER_CAPACITY_EXHAUSTED;
        }
        if (transferSlotsUsed < config.transferCapacity())
        {
            transferSlotsUsed++;
        }
        else
        {
            transfers.remove(finishedTransfers.removeFirst());
        }
        transfers.put(command.transfer(), new Transfer(command.sku(), command.toLocation(), quantity));
        createdTransfers.add(command.transfer());
        findOrCreate(command.sku(), command.toLocation());
        find(command.sku(), command.fromLocation()).onHand -= quantity;
        emit(EventType.TRANSFER_SHIPPED, command, command.sku(), command.fromLocation(), quantity, 0);
        return OK;
    }

    private int transferIn(final TransferIn command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        final Transfer transfer = transfers.get(command.transfer());
        if (transfer == null)
        {
            return UNKNOWN_TRANSFER;
        }
        if (!transfer.open())
        {
            return TRANSFER_COMPLETE;
        }
        final long outstanding = transfer.shipped - transfer.received;
        if (quantity > outstanding)
        {
            return failLine(OVER_RECEIPT, 0, outstanding);
        }
        final Position p = find(transfer.sku, transfer.to);
        if (p.onHand + quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        transfer.received += quantity;
        p.onHand += quantity;
        if (!transfer.open())
        {
            finishedTransfers.addLast(command.transfer());
        }
        emit(EventType.TRANSFER_RECEIVED, command, transfer.sku, transfer.to, quantity, outstanding - quantity);
        return OK;
    }

    private int returnGoods(final Return command)
    {
        final long quantity = command.quantity();
        if (!isQuantity(quantity))
        {
            return quantityCode(quantity);
        }
        if (!channels.containsKey(command.channel()))
        {
            return UNKNOWN_CHANNEL;
        }
        final int code = known(command.sku(), command.location());
        if (code != OK)
        {
            return code;
        }
        if ((locations.get(command.location()).capabilities() & LocationCapability.RETURNS) == 0)
        {
            return RETURNS_NOT_ACCEPTED;
        }
        final Position existing = find(command.sku(), command.location());
        if (existing != null && existing.onHand + quantity > Limits.QUANTITY_MAX)
        {
            return QUANTITY_OVERFLOW;
        }
        if (!canCreate(command.sku(), command.location()))
        {
            return POSITION_CAPACITY_EXHAUSTED;
        }
        final Position p = findOrCreate(command.sku(), command.location());
        p.onHand += quantity;
        if (command.disposition() == Disposition.DAMAGED)
        {
            p.damaged += quantity;
        }
        if (command.disposition() == Disposition.QUARANTINE)
        {
            p.quarantined += quantity;
        }
        emit(EventType.RETURNED, command, command.sku(), command.location(), quantity, 0);
        return OK;
    }

    // ------------------------------------------------------------------------------------------------------
    // Reservations
    // ------------------------------------------------------------------------------------------------------

    private boolean isHoldDuration(final long holdMs)
    {
        return holdMs >= 1 && holdMs <= config.holdMaxMs() && nowMs <= Long.MAX_VALUE - holdMs;
    }

    private int reserve(final Reserve command)
    {
        if (!isHoldDuration(command.holdMs()))
        {
            return INVALID_HOLD_DURATION;
        }
        final List<String> channel = channels.get(command.channel());
        if (channel == null)
        {
            return UNKNOWN_CHANNEL;
        }
        final List<ReserveLine> lines = command.lines();
        for (int i = 0; i < lines.size(); i++)
        {
            final ReserveLine line = lines.get(i);
            final int code = lineCode(line, channel, lines.subList(0, i));
            if (code != OK)
            {
                return failLine(code, i, -1);
            }
        }
        final int destinationCode = destinationCode(command, channel);
        if (destinationCode != OK)
        {
            return destinationCode;
        }
        if (reservations.containsKey(command.reservation()))
        {
            return KEY_IN_USE;
        }
        if (reservationSlotsUsed == config.reservationCapacity() && finishedReservations.isEmpty())
        {
            return RESERVATION_CAPACITY_EXHAUSTED;
        }
        // the host's named lines are held first, then the sourcing policy places the others (request order)
        final Line[] byLine = new Line[lines.size()];
        final List<Line> held = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final ReserveLine line = lines.get(i);
            if (line.location() == null)
            {
                continue;
            }
            final long available = find(line.sku(), line.location()) == null ? 0 :
                seen(command.channel(), line.sku(), line.location(), pending(held, line.sku(), line.location()));
            if (available < line.quantity())
            {
                return failLine(INSUFFICIENT_STOCK, i, Math.max(0, available));
            }
            byLine[i] = new Line(line.sku(), line.location(), line.quantity());
            held.add(byLine[i]);
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final ReserveLine line = lines.get(i);
            if (line.location() != null)
            {
                continue;
            }
            final String location = source(line, command, held);
            if (location == null)
            {
                return failLine(sourcingCode, i, lineAvailable);
            }
            byLine[i] = new Line(line.sku(), location, line.quantity());
            held.add(byLine[i]);
        }
        held.clear();
        held.addAll(List.of(byLine));
        for (final Line line : held)
        {
            line.price = price(line.sku, line.location, command.channel());
        }
        if (reservationSlotsUsed < config.reservationCapacity())
        {
            reservationSlotsUsed++;
        }
        else
        {
            reservations.remove(finishedReservations.removeFirst());
        }
        createdSerial = ++reservationSerials;
        final Reservation reservation = new Reservation(command.reservation(), command.channel(),
            command.fulfilment(), nowMs, nowMs + command.holdMs(), createdSerial, held);
        reservations.put(command.reservation(), reservation);
        createdReservations.add(command.reservation());
        final List<String> priced = new ArrayList<>();
        for (final Line line : reservation.lines)
        {
            priced.add(Fact.line(line.sku, line.location, line.quantity) + "$" + line.price);
        }
        emitReservation(EventType.RESERVED, command, reservation.deadlineMs, ReservationState.HELD, priced);
        lineLocations = heldLocations(reservation);
        return OK;
    }

    private int destinationCode(final Reserve command, final List<String> channel)
    {
        final String pickup = command.pickupLocation();
        if (pickup != null)
        {
            if (command.fulfilment() != FulfilmentType.PICKUP)
            {
                return INVALID_ARGUMENT;
            }
            if (!locations.containsKey(pickup))
            {
                return UNKNOWN_LOCATION;
            }
            if (!channel.contains(pickup))
            {
                return LOCATION_NOT_IN_CHANNEL;
            }
            if ((locations.get(pickup).capabilities() & LocationCapability.PICKUP) == 0)
            {
                return PICKUP_NOT_OFFERED;
            }
        }
        final io.omnistock.api.Destination to = command.destination();
        return to == null || Math.abs(to.latitudeMicros()) <= 90_000_000 && Math.abs(to.longitudeMicros()) <= 180_000_000 ?
            OK : INVALID_ARGUMENT;
    }

    private int lineCode(final ReserveLine line, final List<String> channel, final List<ReserveLine> earlier)
    {
        if (!skus.contains(line.sku()))
        {
            return UNKNOWN_SKU;
        }
        if (!isQuantity(line.quantity()))
        {
            return quantityCode(line.quantity());
        }
        if (line.location() != null)
        {
            if (!locations.containsKey(line.location()))
            {
                return UNKNOWN_LOCATION;
            }
            if (!channel.contains(line.location()))
            {
                return LOCATION_NOT_IN_CHANNEL;
            }
        }
        for (final ReserveLine other : earlier)
        {
            if (other.sku().equals(line.sku()) && Objects.equals(other.location(), line.location()))
            {
                return DUPLICATE_LINE;
            }
        }
        return OK;
    }

    private static long pending(final List<Line> held, final String sku, final String location)
    {
        return sum(held, sku, location, line -> line.quantity);
    }

    private static long sum(final List<Line> lines, final String sku, final String location,
        final java.util.function.ToLongFunction<Line> field)
    {
        long units = 0;
        for (final Line line : lines)
        {
            if (line.sku.equals(sku) && line.location.equals(location))
            {
                units += field.applyAsLong(line);
            }
        }
        return units;
    }

    /**
     * The documented default sourcing: the channel's locations by priority (then definition order), the first
     * that can serve the fulfilment type and has the whole line available after the earlier lines. Leaves the
     * best amount seen in {@link #lineAvailable} when none can.
     */
    private String source(final ReserveLine line, final Reserve command, final List<Line> held)
    {
        final FulfilmentType fulfilment = command.fulfilment();
        final String pickup = fulfilment == FulfilmentType.PICKUP ? command.pickupLocation() : null;
        final int needed = fulfilment == FulfilmentType.PICKUP ? LocationCapability.PICKUP :
            fulfilment == FulfilmentType.IN_STORE ? LocationCapability.NONE : LocationCapability.SHIPS;
        long best = 0;
        for (final String location : channels.get(command.channel()))
        {
            if ((locations.get(location).capabilities() & needed) != needed || pickup != null && !pickup.equals(location))
            {
                continue;
            }
            final LocationType type = locations.get(location).type();
            if (fulfilment == FulfilmentType.SHIP_FROM_STORE && type != LocationType.STORE && type != LocationType.DARK_STORE)
            {
                continue;
            }
            final long available = find(line.sku(), location) == null ? 0 :
                seen(command.channel(), line.sku(), location, pending(held, line.sku(), location));
            if (available >= line.quantity())
            {
                return location;
            }
            best = Math.max(best, available);
        }
        lineAvailable = best;
        sourcingCode = pickup != null ? INSUFFICIENT_STOCK : NO_SOURCING_LOCATION;
        return null;
    }

    private static List<String> outstandingLines(final Reservation reservation)
    {
        final List<String> lines = new ArrayList<>();
        for (final Line line : reservation.lines)
        {
            lines.add(Fact.line(line.sku, line.location, line.outstanding()));
        }
        return lines;
    }

    private static List<String> heldLocations(final Reservation reservation)
    {
        final List<String> held = new ArrayList<>();
        for (final Line line : reservation.lines)
        {
            held.add(line.location);
        }
        return List.copyOf(held);
    }

    private void finish(final Reservation reservation, final ReservationState state)
    {
        reservation.state = state;
        finishedReservations.addLast(reservation.key);
    }

    private static int lifecycleCode(final Reservation reservation, final ReservationState needed)
    {
        if (reservation.state == needed)
        {
            return OK;
        }
        switch (reservation.state)
        {
            case EXPIRED: return RESERVATION_EXPIRED;
            case RELEASED: return RESERVATION_RELEASED;
            case FULFILLED: return RESERVATION_FULFILLED;
            case HELD: return RESERVATION_NOT_COMMITTED;
            default: return RESERVATION_NOT_HELD;
        }
    }

    private int extendHold(final ExtendHold command)
    {
        if (!isHoldDuration(command.holdMs()))
        {
            return INVALID_HOLD_DURATION;
        }
        final Reservation reservation = reservations.get(command.reservation());
        if (reservation == null)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.HELD);
        if (code != OK)
        {
            return code;
        }
        reservation.deadlineMs = nowMs + command.holdMs();
        emitReservation(EventType.HOLD_EXTENDED, command, reservation.deadlineMs, ReservationState.HELD, List.of());
        return OK;
    }

    private int confirm(final Confirm command)
    {
        final Reservation reservation = reservations.get(command.reservation());
        if (reservation == null)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.HELD);
        if (code != OK)
        {
            return code;
        }
        reservation.state = ReservationState.COMMITTED;
        emitReservation(EventType.CONFIRMED, command, 0, ReservationState.COMMITTED, List.of());
        return OK;
    }

    private int release(final Release command)
    {
        final Reservation reservation = reservations.get(command.reservation());
        if (reservation == null)
        {
            return UNKNOWN_RESERVATION;
        }
        if (reservation.state != ReservationState.HELD && reservation.state != ReservationState.COMMITTED)
        {
            return lifecycleCode(reservation, ReservationState.HELD);
        }
        final List<String> givenBack = outstandingLines(reservation);
        finish(reservation, ReservationState.RELEASED);
        emitReservation(EventType.RELEASED, command, 0, ReservationState.RELEASED, givenBack);
        return OK;
    }

    private int fulfil(final Fulfil command)
    {
        final Reservation reservation = reservations.get(command.reservation());
        if (reservation == null)
        {
            return UNKNOWN_RESERVATION;
        }
        final int code = lifecycleCode(reservation, ReservationState.COMMITTED);
        if (code != OK)
        {
            return code;
        }
        final List<Line> lines = reservation.lines;
        final long[] quantities = new long[lines.size()];
        if (command.isAll())
        {
            for (int i = 0; i < lines.size(); i++)
            {
                quantities[i] = lines.get(i).outstanding();
            }
        }
        else
        {
            if (command.lineCount() != lines.size())
            {
                return INVALID_ARGUMENT;
            }
            long total = 0;
            for (int i = 0; i < lines.size(); i++)
            {
                quantities[i] = command.quantity(i);
                if (quantities[i] < 0)
                {
                    return failLine(INVALID_QUANTITY, i, -1);
                }
                if (quantities[i] > lines.get(i).outstanding())
                {
                    return failLine(OVER_FULFILMENT, i, lines.get(i).outstanding());
                }
                total += quantities[i];
            }
            if (total == 0)
            {
                return INVALID_QUANTITY;
            }
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final Line line = lines.get(i);
            long units = 0;
            for (int j = 0; j <= i; j++)
            {
                if (lines.get(j).sku.equals(line.sku) && lines.get(j).location.equals(line.location))
                {
                    units += quantities[j];
                }
            }
            final Position p = find(line.sku, line.location);
            if (shelf(p) < units)
            {
                return failLine(INSUFFICIENT_ON_HAND, i, shelf(p));
            }
        }
        final List<String> shipped = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < lines.size(); i++)
        {
            final Line line = lines.get(i);
            line.fulfilled += quantities[i];
            find(line.sku, line.location).onHand -= quantities[i];
            shipped.add(Fact.line(line.sku, line.location, quantities[i]));
            complete &= line.outstanding() == 0;
        }
        if (complete)
        {
            finish(reservation, ReservationState.FULFILLED);
        }
        emitReservation(EventType.FULFILLED, command, 0, reservation.state, shipped);
        return OK;
    }

    // ------------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------------

    /** @return engine time. */
    long nowMs()
    {
        return nowMs;
    }

    /** @return the sequence of the last event. */
    long sequence()
    {
        return sequence;
    }

    /**
     * For tests that aim commands at something that exists.
     *
     * @param back     1 for the latest, 2 for the one before, ...
     * @param which    {@code '^'} any, {@code '*'} only those still held or committed, {@code '+'} only committed.
     * @return the key of a reservation created earlier, or null when there are fewer.
     */
    String recentReservation(final int back, final char which)
    {
        int remaining = back;
        for (int i = createdReservations.size() - 1; i >= 0; i--)
        {
            final Reservation reservation = reservations.get(createdReservations.get(i));
            final ReservationState state = reservation == null ? null : reservation.state;
            final boolean wanted = which == '^' ||
                (which == '*' && (state == ReservationState.HELD || state == ReservationState.COMMITTED)) ||
                (which == '+' && state == ReservationState.COMMITTED);
            if (wanted && --remaining == 0)
            {
                return createdReservations.get(i);
            }
        }
        return null;
    }

    /**
     * @param back     1 for the latest, 2 for the one before, ...
     * @param open     true to count only transfers still in transit.
     * @return the key of a transfer created earlier, or null when there are fewer.
     */
    String recentTransfer(final int back, final boolean open)
    {
        int remaining = back;
        for (int i = createdTransfers.size() - 1; i >= 0; i--)
        {
            final Transfer transfer = transfers.get(createdTransfers.get(i));
            if ((!open || (transfer != null && transfer.open())) && --remaining == 0)
            {
                return createdTransfers.get(i);
            }
        }
        return null;
    }

    /** @param sku a SKU id. @return true when defined. */
    boolean isSku(final String sku)
    {
        return skus.contains(sku);
    }

    /** @param location a location id. @return true when defined. */
    boolean isLocation(final String location)
    {
        return locations.containsKey(location);
    }

    /** @param channel a channel id. @return true when defined. */
    boolean isChannel(final String channel)
    {
        return channels.containsKey(channel);
    }

    /** @return the number of positions. */
    int positionCount()
    {
        return positions.size();
    }

    /**
     * @param sku      a SKU id.
     * @param location a location id.
     * @return the position's states as the engine reports them, or null when it does not exist.
     */
    PositionSnapshot position(final String sku, final String location)
    {
        final Position p = find(sku, location);
        if (p == null)
        {
            return null;
        }
        return new PositionSnapshot(sku, location, p.onHand, held(sku, location, ReservationState.HELD),
            held(sku, location, ReservationState.COMMITTED), p.safetyStock, p.damaged, p.quarantined,
            inTransit(sku, location), p.incoming, available(sku, location), sequence);
    }

    /**
     * @param sku     a defined SKU id.
     * @param channel a defined channel id.
     * @return the sum over the channel's locations of what is available there, counting shortages as zero.
     */
    long availableToPromise(final String sku, final String channel)
    {
        long units = 0;
        for (final String location : channels.get(channel))
        {
            if (find(sku, location) != null)
            {
                units += seen(channel, sku, location, 0);
            }
        }
        return units;
    }

    /**
     * @param key a reservation key.
     * @return the reservation as the engine reports it, or null when unknown or recycled.
     */
    ReservationSnapshot reservation(final String key)
    {
        final Reservation r = reservations.get(key);
        if (r == null)
        {
            return null;
        }
        final List<ReservationLineSnapshot> lines = new ArrayList<>();
        for (final Line line : r.lines)
        {
            lines.add(new ReservationLineSnapshot(line.sku, line.location, line.quantity, line.fulfilled, line.price));
        }
        return new ReservationSnapshot(r.key, r.state, r.channel, r.fulfilment, r.createdMs, r.deadlineMs,
            List.copyOf(lines));
    }

    // ------------------------------------------------------------------------------------------------------
    // Command helpers
    // ------------------------------------------------------------------------------------------------------

    /**
     * @param command a command.
     * @return the reservation or transfer key, or the id being defined, that its events carry; else "".
     */
    static String reference(final Command command)
    {
        switch (command.type())
        {
            case DEFINE_SKU: return ((DefineSku)command).sku();
            case DEFINE_LOCATION: return ((DefineLocation)command).location();
            case DEFINE_CHANNEL: return ((DefineChannel)command).channel();
            case DEFINE_PROMOTION: return ((DefinePromotion)command).promotion();
            case TRANSFER_OUT: return ((TransferOut)command).transfer();
            case TRANSFER_IN: return ((TransferIn)command).transfer();
            case RESERVE: return ((Reserve)command).reservation();
            case EXTEND_HOLD: return ((ExtendHold)command).reservation();
            case CONFIRM: return ((Confirm)command).reservation();
            case RELEASE: return ((Release)command).reservation();
            case FULFIL: return ((Fulfil)command).reservation();
            default: return "";
        }
    }

    /**
     * @param command a command.
     * @param key     an idempotency key.
     * @return the same command with another key.
     */
    static Command withKey(final Command command, final String key)
    {
        switch (command.type())
        {
            case DEFINE_SKU: return new DefineSku(key, ((DefineSku)command).sku());
            case DEFINE_LOCATION:
            {
                final DefineLocation c = (DefineLocation)command;
                return new DefineLocation(key, c.location(), c.locationType(), c.capabilities(), c.priority(),
                    c.latitudeMicros(), c.longitudeMicros());
            }
            case DEFINE_CHANNEL: return new DefineChannel(key, ((DefineChannel)command).channel(),
                ((DefineChannel)command).locations());
            case SET_PRICE:
            {
                final SetPrice c = (SetPrice)command;
                return new SetPrice(key, c.sku(), c.location(), c.unitPriceMinor());
            }
            case DEFINE_PROMOTION:
            {
                final DefinePromotion c = (DefinePromotion)command;
                return new DefinePromotion(key, c.promotion(), c.sku(), c.channel(), c.startMs(), c.endMs(), c.percentOff(),
                    c.amountOffMinor());
            }
            case SET_CHANNEL_RULE:
            {
                final SetChannelRule c = (SetChannelRule)command;
                return new SetChannelRule(key, c.channel(), c.sku(), c.location(), c.bufferUnits(), c.bufferPercent(),
                    c.sharePercent());
            }
            case RECEIVE:
            {
                final Receive c = (Receive)command;
                return new Receive(key, c.sku(), c.location(), c.quantity());
            }
            case EXPECT_RECEIPT:
            {
                final ExpectReceipt c = (ExpectReceipt)command;
                return new ExpectReceipt(key, c.sku(), c.location(), c.quantity());
            }
            case ADJUST:
            {
                final Adjust c = (Adjust)command;
                return new Adjust(key, c.sku(), c.location(), c.delta(), c.bucket(), c.reason());
            }
            case COUNT:
            {
                final CycleCount c = (CycleCount)command;
                return new CycleCount(key, c.sku(), c.location(), c.countedQuantity());
            }
            case SET_SAFETY_STOCK:
            {
                final SetSafetyStock c = (SetSafetyStock)command;
                return new SetSafetyStock(key, c.sku(), c.location(), c.quantity());
            }
            case SELL:
            {
                final PosSale c = (PosSale)command;
                return new PosSale(key, c.channel(), c.sku(), c.location(), c.quantity());
            }
            case TRANSFER_OUT:
            {
                final TransferOut c = (TransferOut)command;
                return new TransferOut(key, c.transfer(), c.sku(), c.fromLocation(), c.toLocation(), c.quantity());
            }
            case TRANSFER_IN: return new TransferIn(key, ((TransferIn)command).transfer(), ((TransferIn)command).quantity());
            case RETURN:
            {
                final Return c = (Return)command;
                return new Return(key, c.channel(), c.sku(), c.location(), c.quantity(), c.disposition());
            }
            case RESERVE:
            {
                final Reserve c = (Reserve)command;
                return new Reserve(key, c.reservation(), c.channel(), c.fulfilment(), c.holdMs(), c.lines(),
                    c.pickupLocation(), c.destination());
            }
            case EXTEND_HOLD: return new ExtendHold(key, ((ExtendHold)command).reservation(), ((ExtendHold)command).holdMs());
            case CONFIRM: return new Confirm(key, ((Confirm)command).reservation());
            case RELEASE: return new Release(key, ((Release)command).reservation());
            case FULFIL:
            {
                final Fulfil c = (Fulfil)command;
                if (c.isAll())
                {
                    return Fulfil.all(key, c.reservation());
                }
                final long[] quantities = new long[c.lineCount()];
                for (int i = 0; i < quantities.length; i++)
                {
                    quantities[i] = c.quantity(i);
                }
                return Fulfil.lines(key, c.reservation(), quantities);
            }
            case ADVANCE_TIME: return new AdvanceTime(key, ((AdvanceTime)command).timeMs());
            default: throw new IllegalStateException("unmodelled command " + command);
        }
    }
}
