package io.omnistock.api;

import java.util.List;

/**
 * A reservation as read, consistently.
 *
 * @param reservation the reservation's key.
 * @param state       its lifecycle state.
 * @param channel     the channel that made it.
 * @param fulfilment  its fulfilment type.
 * @param createdMs   engine time it was held.
 * @param deadlineMs  hold deadline (meaningful while HELD).
 * @param lines       its lines.
 */
public record ReservationSnapshot(
    String reservation,
    ReservationState state,
    String channel,
    FulfilmentType fulfilment,
    long createdMs,
    long deadlineMs,
    List<ReservationLineSnapshot> lines)
{
}
