package io.omnistock.engine.state;

import io.omnistock.api.Limits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link AsciiKey}'s hash is one function of the id's bytes however the key was filled: from a string (copied and
 * hashed a word at a time), from bytes, from another key, rehashed after an edit in place, or computed from a char
 * sequence or a byte range without a key (what lookups from other threads and the key tables use). Checked for
 * every length up to {@link Limits#ID_LENGTH_MAX}, in a key reused after a longer id left bytes behind.
 */
class AsciiKeyTest
{
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.:";

    @Test
    void shouldHashTheSameBytesTheSameWayHoweverTheKeyWasFilled()
    {
        final AsciiKey reused = new AsciiKey().set(ALPHABET.substring(0, Limits.ID_LENGTH_MAX));
        for (int length = 0; length <= Limits.ID_LENGTH_MAX; length++)
        {
            final String id = ALPHABET.substring(Limits.ID_LENGTH_MAX - length, Limits.ID_LENGTH_MAX);
            final byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
            final byte[] padded = new byte[bytes.length + 3];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            final long hash = AsciiKey.computeHash(id);

            assertEquals(hash, reused.set(id).hash(), "set(string), length " + length);
            assertEquals(id, reused.toString());
            assertEquals(hash, new AsciiKey().set(bytes, 0, bytes.length).hash(), "set(bytes), length " + length);
            assertEquals(hash, AsciiKey.computeHash(padded, 3, bytes.length), "byte range, length " + length);
            assertEquals(hash, new AsciiKey().set(reused).hash(), "set(key), length " + length);
            assertEquals(hash, new AsciiKey().set(new StringBuilder(id)).hash(), "set(builder), length " + length);
            assertEquals(hash, reused.rehash().hash(), "rehash, length " + length);
        }
    }

    @Test
    void shouldRehashAnEditInPlace()
    {
        final AsciiKey key = new AsciiKey().set("order-00000000");
        key.bytes()[13] = '7';

        assertEquals(AsciiKey.computeHash("order-00000007"), key.rehash().hash());
        assertNotEquals(AsciiKey.computeHash("order-00000000"), key.hash());
    }

    @Test
    void shouldTellIdsApartThatDifferInOneByteOrInLength()
    {
        assertNotEquals(AsciiKey.computeHash("sku-1"), AsciiKey.computeHash("sku-2"));
        assertNotEquals(AsciiKey.computeHash("abcdefgh"), AsciiKey.computeHash("abcdefgh0"));
        assertNotEquals(AsciiKey.computeHash("abcdefgh"), AsciiKey.computeHash("abcdefgi"));
        assertNotEquals(AsciiKey.computeHash(""), AsciiKey.computeHash("0"));
    }

    @Test
    void shouldKeepTheLegacyHashOfBuildsBeforeJournalFormatFour()
    {
        // FNV-1a 64 over the bytes, then the murmur3 finaliser with the length: what journal formats 2 and 3 carry
        long fnv = 0xcbf29ce484222325L;
        for (final byte b : "sku-1".getBytes(StandardCharsets.US_ASCII))
        {
            fnv = (fnv ^ b) * 0x100000001b3L;
        }
        assertEquals(Hashing.mix(fnv ^ 5), AsciiKey.legacyHash(new AsciiKey().set("sku-1")));
    }
}
