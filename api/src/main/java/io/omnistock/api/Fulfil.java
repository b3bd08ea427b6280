package io.omnistock.api;

import java.util.Arrays;

/**
 * Fulfils a committed reservation, wholly or partly, line by line: the units leave on hand and committed. When
 * every line is completely fulfilled the reservation becomes {@link ReservationState#FULFILLED}.
 */
public final class Fulfil implements Command
{
    private final String key;
    private final String reservation;
    private final long[] quantities;

    private Fulfil(final String key, final String reservation, final long[] quantities)
    {
        this.key = key;
        this.reservation = reservation;
        this.quantities = quantities;
    }

    /**
     * Fulfils everything still outstanding on every line.
     *
     * @param key         the idempotency key.
     * @param reservation the reservation's key.
     * @return the command.
     */
    public static Fulfil all(final String key, final String reservation)
    {
        return new Fulfil(key, reservation, null);
    }

    /**
     * Fulfils the given quantity of each line, by line index; zero leaves a line as it is.
     *
     * @param key         the idempotency key.
     * @param reservation the reservation's key.
     * @param quantities  one quantity per line of the reservation, zero or more, at least one positive.
     * @return the command.
     */
    public static Fulfil lines(final String key, final String reservation, final long... quantities)
    {
        return new Fulfil(key, reservation, quantities == null ? new long[0] : quantities.clone());
    }

    @Override
    public String key()
    {
        return key;
    }

    /** @return the reservation's key. */
    public String reservation()
    {
        return reservation;
    }

    /** @return true when the command fulfils everything outstanding. */
    public boolean isAll()
    {
        return quantities == null;
    }

    /** @return the number of per-line quantities given (0 for {@link #all(String, String)}). */
    public int lineCount()
    {
        return quantities == null ? 0 : quantities.length;
    }

    /**
     * @param lineIndex the line.
     * @return the quantity to fulfil on that line.
     */
    public long quantity(final int lineIndex)
    {
        return quantities[lineIndex];
    }

    @Override
    public CommandType type()
    {
        return CommandType.FULFIL;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof Fulfil && java.util.Objects.equals(key, ((Fulfil)o).key) &&
            java.util.Objects.equals(reservation, ((Fulfil)o).reservation) &&
            Arrays.equals(quantities, ((Fulfil)o).quantities);
    }

    @Override
    public int hashCode()
    {
        return 31 * java.util.Objects.hash(key, reservation) + Arrays.hashCode(quantities);
    }

    @Override
    public String toString()
    {
        return "Fulfil[key=" + key + ", reservation=" + reservation + ", quantities=" +
            (quantities == null ? "all" : Arrays.toString(quantities)) + "]";
    }
}
