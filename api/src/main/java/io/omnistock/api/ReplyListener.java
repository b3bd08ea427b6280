package io.omnistock.api;

/**
 * Receives command outcomes on an engine pipeline thread (the writer's, or the journal's when the journal syncs),
 * once per accepted command, in the order the writer decided them. Must not block: it runs on the pipeline, and
 * holds up deciding or journaling while it runs.
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
