package io.omnistock.benchmarks.machine;

import io.omnistock.engine.state.AsciiKey;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites the tail of an id held in a reused {@link AsciiKey} (a field of a preallocated
 * {@link io.omnistock.engine.state.CommandSlot}) and rehashes it, without allocating: what the API boundary does
 * when it copies a fresh command's ids into a slot, done in place.
 *
 * <p>{@link #stampCounter} makes idempotency and reservation keys unique per command, which is what keeps a
 * benchmark honest: the engine answers a repeated idempotency key with the remembered outcome and does none of
 * the work. {@link #stampDecimal} writes a SKU id from its number, so that no id object has to be fetched from
 * memory (a host's fresh command holds its ids in cache).
 */
final class IdStamps
{
    /** Counter characters at the end of every stamped key: 6 bits each, 2^48 distinct counters. */
    static final int COUNTER_LENGTH = 8;
    /** What a key template ends with; {@link #stampCounter} overwrites it. */
    static final String COUNTER_PLACEHOLDER = "00000000";

    private static final java.lang.invoke.VarHandle LONG_BE =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final byte[] ALPHABET =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".getBytes(StandardCharsets.US_ASCII);
    private static final int BITS_PER_CHARACTER = 6;
    private static final int CHARACTER_MASK = (1 << BITS_PER_CHARACTER) - 1;

    private IdStamps()
    {
    }

    /**
     * Overwrites the last {@link #COUNTER_LENGTH} bytes of a key with a counter and rehashes it.
     *
     * @param key     a key set from a template ending in {@link #COUNTER_PLACEHOLDER}.
     * @param counter the counter, {@code 0..2^48-1}; equal counters give equal keys.
     */
    static void stampCounter(final AsciiKey key, final long counter)
    {
        long word = 0;
        long remaining = counter;
        for (int i = 0; i < COUNTER_LENGTH; i++)
        {
            // the key's last byte is the counter's low six bits, the byte before it the next six, and so on
            word = word << 8 | ALPHABET[(int)remaining & CHARACTER_MASK];
            remaining >>>= BITS_PER_CHARACTER;
        }
        // the word's low byte is the last character: stored big-endian, it lands last
        LONG_BE.set(key.bytes(), key.length() - COUNTER_LENGTH, word);
        key.rehash();
    }

    /**
     * Overwrites the last {@code digits} bytes of an id with a zero-padded decimal number and rehashes it.
     *
     * @param id     an id ending in at least {@code digits} digits.
     * @param value  the number, {@code 0..10^digits-1}.
     * @param digits how many digits to write.
     */
    static void stampDecimal(final AsciiKey id, final int value, final int digits)
    {
        final byte[] bytes = id.bytes();
        final int length = id.length();
        int remaining = value;
        for (int i = length - 1; i >= length - digits; i--)
        {
            bytes[i] = (byte)('0' + remaining % 10);
            remaining /= 10;
        }
        id.rehash();
    }
}
