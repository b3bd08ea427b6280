package io.omnistock.api;

/**
 * The outcome of one command, as a flyweight valid only during {@link ReplyListener#onReply}: the
 * allocation-free way to receive outcomes. Copy what you need, or call {@link Result#of(Reply)}.
 */
public interface Reply
{
    /** @return {@link ReasonCode#OK} or the reason the command was rejected. */
    int code();

    /** @return true when this is the remembered outcome of an earlier command with the same key and payload. */
    boolean duplicate();

    /** @return the global sequence number of the event that recorded the outcome, or -1 when none was recorded. */
    long sequence();

    /** @return engine time of the outcome, epoch milliseconds. */
    long timeMs();

    /** @return the index of the line that failed, or -1. */
    int lineIndex();

    /** @return for a stock rejection, what was available at the failing line's location; otherwise -1. */
    long available();

    /** @return the number of lines whose location is reported (a successful reservation's lines), else 0. */
    int lineCount();

    /**
     * @param lineIndex a line of the reservation.
     * @return the location the line was held at (named by the caller or chosen by the engine).
     */
    String lineLocation(int lineIndex);
}
