package io.omnistock.api.orders;

import io.omnistock.api.ReasonCode;
import io.omnistock.api.Result;

import java.util.List;

/**
 * What one order webhook did in the engine: the engine's {@link Result} of every command the step sent, in order,
 * with the idempotency key of each, summed up as a {@link Status} the host can act on.
 *
 * <p>A step sends its commands one after the other and stops at the first rejection, so {@link #results()} may be
 * shorter than the step's full plan; delivering the webhook again after the cause is fixed finds the accepted ones
 * as duplicates and carries on. A rejection decided by the adapter itself (a shipment naming an unknown line) has
 * no key and a {@link Result#sequence()} of -1, like a rejection at the engine's boundary.
 *
 * @param step    the lifecycle step.
 * @param orderId the host's order id.
 * @param keys    the idempotency key of each command sent (null where the adapter rejected before sending).
 * @param results the engine's result of each.
 */
public record OrderOutcome(OrderStep step, String orderId, List<String> keys, List<Result> results)
{
    /** How the host should read the outcome. */
    public enum Status
    {
        /** Every command was applied, at least one of them now (not all duplicates). */
        ACCEPTED,
        /** Every command was a duplicate of one already applied: a redelivered webhook; nothing changed. */
        DUPLICATE,
        /** A command was rejected; {@link #rejection()} says why. Nothing of that command changed. */
        REJECTED
    }

    /** Copies the lists so the outcome stays immutable. */
    public OrderOutcome
    {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
        results = List.copyOf(results);
        if (keys.size() != results.size() || results.isEmpty())
        {
            throw new IllegalArgumentException("one key per result, at least one result: " + keys + " " + results);
        }
    }

    /** @return the summary: rejected if any command was, duplicate if all were, else accepted. */
    public Status status()
    {
        boolean allDuplicates = true;
        for (final Result result : results)
        {
            if (!result.isOk())
            {
                return Status.REJECTED;
            }
            allDuplicates &= result.duplicate();
        }
        return allDuplicates ? Status.DUPLICATE : Status.ACCEPTED;
    }

    /** @return true when the step is applied (now or by an earlier delivery): accepted or duplicate. */
    public boolean isOk()
    {
        return status() != Status.REJECTED;
    }

    /** @return the first rejected result, or null when none was rejected. */
    public Result rejection()
    {
        for (final Result result : results)
        {
            if (!result.isOk())
            {
                return result;
            }
        }
        return null;
    }

    /** @return the reason code of the first rejection, or {@link ReasonCode#OK}. */
    public int reasonCode()
    {
        final Result rejection = rejection();
        return rejection == null ? ReasonCode.OK : rejection.code();
    }

    @Override
    public String toString()
    {
        final Result rejection = rejection();
        return step + " " + orderId + ": " + status() + (rejection == null ? "" : " " + rejection) + " " + keys;
    }
}
