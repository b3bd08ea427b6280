package io.omnistock.api;

/**
 * Defines a location (store, warehouse, dark store, 3PL node). Coordinates are integral micro-degrees so that distance-based routing stays deterministic.
 *
 * @param key the idempotency key.
 * @param location the location's external id.
 * @param locationType what kind of node it is.
 * @param capabilities {@link LocationCapability} flags.
 * @param priority sourcing priority: lower is preferred; ties go to the location defined first.
 * @param latitudeMicros latitude in millionths of a degree, -90e6..90e6.
 * @param longitudeMicros longitude in millionths of a degree, -180e6..180e6.
 */
public record DefineLocation(String key, String location, LocationType locationType, int capabilities, int priority, int latitudeMicros, int longitudeMicros) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.DEFINE_LOCATION;
    }
}
