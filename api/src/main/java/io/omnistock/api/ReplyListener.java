package io.omnistock.api;

/**
 * Receives command outcomes on the engine's reply thread, once per accepted command, in the order the writer
 * decided them. Must not block: it runs on the pipeline.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * @param correlationId the id the caller passed when sending.
     * @param reply         the outcome, valid only during this call.
     */
    void onReply(long correlationId, Reply reply);
}
