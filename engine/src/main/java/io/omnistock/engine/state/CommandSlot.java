package io.omnistock.engine.state;

import io.omnistock.api.CommandType;
import io.omnistock.api.ReplyListener;
import io.omnistock.api.Result;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * One preallocated, reusable slot of the command ring: the input of one command as primitive fields and
 * fixed-size id buffers, the writer's reply, and the events the writer decided for it. Immutable
 * {@link io.omnistock.api.Command} values are copied in by {@link CommandTranslator}; nothing allocated crosses
 * the ring. Fields are public like a C struct: the slot is handed between pipeline stages, and the Disruptor's
 * sequence barriers order every write before the next stage's reads.
 *
 * <p>No reference is written per command. A slot lives in the old generation, and a reference stored into an old
 * object (unless null, or into the same heap region) marks a card that the collector's concurrent refinement
 * threads must scan: with a reference per command, G1 woke a refinement thread every few milliseconds for about
 * 200 us, which on two cores took the writer's core (the open-loop p99). So the command's type is kept as its code,
 * and the reply listener is overwritten only when a command brings a different one ({@link #listening} says
 * whether the slot's command is answered through it). A future, on the allocating path, is stored per command.
 */
public final class CommandSlot
{
    // ---- input, written by the publishing thread ----
    /** The command kind, as its {@link CommandType#code()}; 0 when the slot holds no command. See {@link #type()}. */
    public int typeCode;
    /** Engine time stamped on the command, epoch milliseconds. */
    public long timestampMs;
    /** The caller's correlation id (zero-allocation path). */
    public long correlationId;
    /**
     * The reply listener of the last command published into this slot with one (zero-allocation path). Kept after
     * the answer, and written only when a command brings another, so that a host answering through one listener
     * writes no reference per command; it answers this slot's command only when {@link #listening}. Dropped when the
     * engine closes.
     */
    public ReplyListener replyListener;
    /** Whether this slot's command is answered through {@link #replyListener}; cleared once it is. */
    public boolean listening;
    /** The caller's future (convenient path), or null. */
    public CompletableFuture<Result> future;

    /** The idempotency key. */
    public final AsciiKey key = new AsciiKey();
    /** SKU id. */
    public final AsciiKey sku = new AsciiKey();
    /** Location id (from-location of a transfer). */
    public final AsciiKey location = new AsciiKey();
    /** Destination of a transfer. */
    public final AsciiKey toLocation = new AsciiKey();
    /** Channel id. */
    public final AsciiKey channel = new AsciiKey();
    /** Reservation or transfer key, or the id being defined. */
    public final AsciiKey reference = new AsciiKey();

    /** Quantity, delta, count, hold duration or target time, by command. */
    public long quantity;
    /** Code of the location type, fulfilment type, disposition, bucket or adjustment reason; 0 for none. */
    public int kind;
    /** Second enum code (the adjustment reason of an adjustment). */
    public int reason;
    /** Location capabilities. */
    public int capabilities;
    /** Location priority. */
    public int priority;
    /** Location latitude, micro-degrees. */
    public int latitudeMicros;
    /** Location longitude, micro-degrees. */
    public int longitudeMicros;
    /** Whether a reservation carries destination coordinates ({@link #latitudeMicros}, {@link #longitudeMicros}). */
    public boolean destination;
    /** A promotion's window: first and first-excluded engine time. */
    public long fromMs;
    public long untilMs;
    /** True for "fulfil everything outstanding". */
    public boolean allLines;
    /** Number of lines (reservation lines, channel locations, fulfil quantities). */
    public int lineCount;
    /** SKU per line. */
    public AsciiKey[] lineSku;
    /** Location per line; empty for "any location of the channel". */
    public AsciiKey[] lineLocation;
    /** Quantity per line. */
    public long[] lineQuantity;

    // ---- reply, written by the writer ----
    /** Outcome code. */
    public int code;
    /** True when the outcome is the remembered one of an earlier command with the same key. */
    public boolean duplicate;
    /** Sequence of the outcome event, or -1. */
    public long sequence;
    /** Engine time of the outcome. */
    public long replyTimeMs;
    /** Failing line, or -1. */
    public int lineIndex;
    /** Available at the failing line, or -1. */
    public long available;
    /** Number of reported line locations. */
    public int replyLineCount;
    /** Location index held per line of a successful reservation. */
    public int[] replyLineLocation;

    // ---- events, written by the writer ----
    /** Encoded events decided for this command, back to back (see {@link EventCodec}). */
    public final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1024);
    /** Bytes of {@link #events} in use. */
    public int eventsLength;
    /** Number of events in {@link #events}. */
    public int eventCount;

    /**
     * @param lineCapacity lines preallocated; the slot grows (once, then keeps the space) for a larger command.
     */
    public CommandSlot(final int lineCapacity)
    {
        lineSku = new AsciiKey[0];
        lineLocation = new AsciiKey[0];
        lineQuantity = new long[0];
        replyLineLocation = new int[0];
        ensureLineCapacity(lineCapacity);
    }

    /** @return the lines this slot can carry without growing. */
    public int lineCapacity()
    {
        return lineQuantity.length;
    }

    /**
     * Grows the line arrays to hold at least {@code lines} lines. Allocates only the first time a slot sees a
     * command that large; steady state allocates nothing.
     *
     * @param lines lines needed.
     */
    public void ensureLineCapacity(final int lines)
    {
        final int old = lineQuantity.length;
        if (lines <= old)
        {
            return;
        }
        lineSku = java.util.Arrays.copyOf(lineSku, lines);
        lineLocation = java.util.Arrays.copyOf(lineLocation, lines);
        for (int i = old; i < lines; i++)
        {
            lineSku[i] = new AsciiKey();
            lineLocation[i] = new AsciiKey();
        }
        lineQuantity = java.util.Arrays.copyOf(lineQuantity, lines);
        replyLineLocation = java.util.Arrays.copyOf(replyLineLocation, lines);
    }

    /** @return the command kind, or null when the slot holds no command. */
    public CommandType type()
    {
        return CommandType.fromCode(typeCode);
    }

    /**
     * Answers through {@link #replyListener} from now on; the reference is written only when it changes.
     *
     * @param listener the caller's reply listener.
     */
    public void listenWith(final ReplyListener listener)
    {
        if (replyListener != listener)
        {
            replyListener = listener;
        }
        listening = true;
    }

    /** Clears every input field, so that stale values never leak into a payload hash. */
    public void clearInput()
    {
        typeCode = 0;
        timestampMs = 0;
        correlationId = 0;
        listening = false;
        future = null;
        key.clear();
        sku.clear();
        location.clear();
        toLocation.clear();
        channel.clear();
        reference.clear();
        quantity = 0;
        kind = 0;
        reason = 0;
        capabilities = 0;
        priority = 0;
        latitudeMicros = 0;
        longitudeMicros = 0;
        destination = false;
        fromMs = 0;
        untilMs = 0;
        allLines = false;
        lineCount = 0;
    }

    /**
     * Turns the slot into a timer tick: an ADVANCE_TIME with no key, which only the pipeline sends (the API
     * boundary rejects a missing key), so that holds expire on time when no command arrives.
     *
     * @param tickTimestampMs the engine time to advance to.
     */
    public void tick(final long tickTimestampMs)
    {
        clearInput();
        typeCode = CommandType.ADVANCE_TIME.code();
        timestampMs = tickTimestampMs;
    }

    /** Clears the reply and the events before the writer decides. */
    public void clearOutput()
    {
        code = 0;
        duplicate = false;
        sequence = -1;
        replyTimeMs = 0;
        lineIndex = -1;
        available = -1;
        replyLineCount = 0;
        eventsLength = 0;
        eventCount = 0;
    }

    /**
     * A stable hash of the input payload (everything but the idempotency key and the caller's reply routing),
     * to tell a repeated command from a different one with the same key: the key hashes and fields folded by
     * {@link Hashing#round}, finished by {@link Hashing#mix}. Journal records from format version
     * {@link EventCodec#PAYLOAD_HASH_VERSION} on carry it.
     *
     * @return the hash.
     */
    public long payloadHash()
    {
        return Hashing.mix(foldPayload(false));
    }

    /**
     * The payload hash of builds before journal format {@link EventCodec#PAYLOAD_HASH_VERSION}: each id hashed
     * byte by byte ({@link AsciiKey#legacyHash}) and the fields folded by {@link Hashing#combine}. Computed only
     * when a retry meets an outcome remembered from such a journal or snapshot.
     *
     * @return the hash.
     */
    public long legacyPayloadHash()
    {
        return foldPayload(true);
    }

    /** The payload's fields in their fixed order, folded the current way or the legacy way. */
    private long foldPayload(final boolean legacy)
    {
        long h = fold(legacy ? typeCode : Hashing.start(typeCode), idHash(sku, legacy), legacy);
        h = fold(h, idHash(location, legacy), legacy);
        h = fold(h, idHash(toLocation, legacy), legacy);
        h = fold(h, idHash(channel, legacy), legacy);
        h = fold(h, idHash(reference, legacy), legacy);
        h = fold(h, quantity, legacy);
        h = fold(h, kind, legacy);
        h = fold(h, reason, legacy);
        h = fold(h, capabilities, legacy);
        h = fold(h, priority, legacy);
        h = fold(h, latitudeMicros, legacy);
        h = fold(h, longitudeMicros, legacy);
        h = fold(h, allLines ? 1 : 0, legacy);
        h = destination ? fold(h, 1, legacy) : h;
        h = fromMs != 0 || untilMs != 0 ? fold(fold(h, fromMs, legacy), untilMs, legacy) : h;
        h = fold(h, lineCount, legacy);
        for (int i = 0; i < lineCount; i++)
        {
            h = fold(h, idHash(lineSku[i], legacy), legacy);
            h = fold(h, idHash(lineLocation[i], legacy), legacy);
            h = fold(h, lineQuantity[i], legacy);
        }
        return h;
    }

    private static long fold(final long hash, final long value, final boolean legacy)
    {
        return legacy ? Hashing.combine(hash, value) : Hashing.round(hash, value);
    }

    private static long idHash(final AsciiKey id, final boolean legacy)
    {
        return legacy ? AsciiKey.legacyHash(id) : id.hash();
    }
}
