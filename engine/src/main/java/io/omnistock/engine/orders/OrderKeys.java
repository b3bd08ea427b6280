package io.omnistock.engine.orders;

import io.omnistock.api.Limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The key scheme of the orders adapter: deterministic reservation and idempotency keys from host ids, always
 * within {@link Limits#ID_LENGTH_MAX} printable ASCII characters.
 *
 * <pre>
 *   readable   PREFIX/ORDER                      reservation key
 *              PREFIX/ORDER/ACTION[/ID[/ID]]     idempotency key, e.g. o/A-17/ship/SHP-2, o/A-17/return/R-1/L-3
 *   hashed     PREFIX#HASH                       reservation key
 *              PREFIX#HASH/ACTION                idempotency key
 * </pre>
 *
 * <p>A key is readable when every id is non-empty printable ASCII without {@code /} and the whole key fits the
 * limit; then the ids can be read back by splitting on {@code /} (the action says how many ids follow), so
 * different ids never give the same key. Otherwise (a long, non-ASCII or slash-containing id) the key is hashed:
 * {@code HASH} is the SHA-256 of the prefix, the order id, the action and the ids, each as UTF-8 preceded by its
 * length in bytes (4 bytes, big-endian), written as 43 characters of unpadded base64url; the action stays readable.
 * A hashed key can never equal a readable one: the character after the prefix is {@code #} in one and {@code /} in
 * the other, and the prefix contains neither.
 *
 * <p>Immutable and thread-safe; allocates the key strings (and a digest when hashing).
 */
public final class OrderKeys
{
    /** The prefix used unless the host chooses another: keeps order keys apart from the host's other keys. */
    public static final String DEFAULT_PREFIX = "o";
    /** Longest prefix, so that a hashed key fits: 8 + 1 + 43 + 1 + 6 (the longest action) = 59. */
    public static final int PREFIX_LENGTH_MAX = 8;

    private static final char SEPARATOR = '/';
    private static final char HASHED = '#';
    private final String prefix;

    /**
     * @param prefix 1..{@value #PREFIX_LENGTH_MAX} printable ASCII characters, neither {@code /} nor {@code #}.
     * @throws IllegalArgumentException when the prefix is not one.
     */
    public OrderKeys(final String prefix)
    {
        if (!Limits.isValidId(prefix) || prefix.length() > PREFIX_LENGTH_MAX ||
            prefix.indexOf(SEPARATOR) >= 0 || prefix.indexOf(HASHED) >= 0)
        {
            throw new IllegalArgumentException("prefix must be 1.." + PREFIX_LENGTH_MAX +
                " printable ASCII characters without '/' or '#': " + prefix);
        }
        this.prefix = prefix;
    }

    /** @return the prefix of every key. */
    public String prefix()
    {
        return prefix;
    }

    /**
     * @param orderId the host's order id.
     * @return the reservation key the order is held under.
     */
    public String reservation(final String orderId)
    {
        return key(orderId, null);
    }

    /**
     * @param orderId the host's order id.
     * @param action  what the command does: {@code hold}, {@code paid}, {@code cancel}, {@code ship},
     *                {@code pickup}, {@code close} or {@code return}.
     * @param ids     the ids that tell apart commands of the same action (shipment id; return id and line id).
     * @return the idempotency key.
     */
    public String command(final String orderId, final String action, final String... ids)
    {
        return key(orderId, Objects.requireNonNull(action, "action"), ids);
    }

    private String key(final String orderId, final String action, final String... ids)
    {
        Objects.requireNonNull(orderId, "orderId");
        final StringBuilder readable = new StringBuilder(Limits.ID_LENGTH_MAX).append(prefix);
        boolean fits = appendReadable(readable, orderId);
        if (action != null)
        {
            fits &= appendReadable(readable, action);
        }
        for (final String id : ids)
        {
            fits &= appendReadable(readable, Objects.requireNonNull(id, "id"));
        }
        if (fits && readable.length() <= Limits.ID_LENGTH_MAX)
        {
            return readable.toString();
        }
        final String hashed = prefix + HASHED + hash(orderId, action, ids);
        return action == null ? hashed : hashed + SEPARATOR + action;
    }

    private static boolean appendReadable(final StringBuilder key, final String id)
    {
        key.append(SEPARATOR).append(id);
        return !id.isEmpty() && id.indexOf(SEPARATOR) < 0 && Limits.isValidId(id);
    }

    private String hash(final String orderId, final String action, final String... ids)
    {
        final MessageDigest digest = sha256();
        update(digest, prefix);
        update(digest, orderId);
        update(digest, action == null ? "" : action);
        for (final String id : ids)
        {
            update(digest, id);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    }

    private static void update(final MessageDigest digest, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte)(bytes.length >>> 24));
        digest.update((byte)(bytes.length >>> 16));
        digest.update((byte)(bytes.length >>> 8));
        digest.update((byte)bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException impossible)
        {
            throw new IllegalStateException("every Java platform must provide SHA-256", impossible);
        }
    }
}
