package io.omnistock.api;

/** Lifecycle of a reservation: HELD -confirm-> COMMITTED -fulfil-> FULFILLED; HELD|COMMITTED -release-> RELEASED; HELD -deadline-> EXPIRED. Stable codes: they are journaled. */
public enum ReservationState
{
    /** A soft hold that expires at its deadline unless confirmed. */
    HELD(1),
    /** A confirmed order not yet (completely) fulfilled; does not expire. */
    COMMITTED(2),
    /** Every line completely fulfilled. */
    FULFILLED(3),
    /** Released by the caller; outstanding units went back to available. */
    RELEASED(4),
    /** The hold passed its deadline; its units went back to available. */
    EXPIRED(5);

    private static final ReservationState[] BY_CODE = Codes.index(values(), ReservationState::code);
    private final int code;

    ReservationState(final int code)
    {
        this.code = code;
    }

    /** @return the stable code. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a stable code.
     * @return the constant, or null when the code is unknown.
     */
    public static ReservationState fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
