package io.omnistock.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Defines a sales channel (web, app, pos, marketplace, call centre...) and the locations whose stock it sees
 * and may reserve. The order of {@code locations} does not matter; sourcing uses location priority.
 *
 * @param key       the idempotency key.
 * @param channel   the channel's external id.
 * @param locations ids of already defined locations, at least one, no duplicates.
 */
public record DefineChannel(String key, String channel, List<String> locations) implements Command
{
    /** Copies the list so the command stays immutable; a null list stays null and is rejected by the engine. */
    public DefineChannel
    {
        locations = locations == null ? null : Collections.unmodifiableList(new ArrayList<>(locations));
    }

    @Override
    public CommandType type()
    {
        return CommandType.DEFINE_CHANNEL;
    }
}
