package io.omnistock.api;

/**
 * Where a reservation's goods go, for distance-based sourcing: integral micro-degrees, like location coordinates,
 * so that routing stays deterministic.
 *
 * @param latitudeMicros  latitude in millionths of a degree, -90e6..90e6.
 * @param longitudeMicros longitude in millionths of a degree, -180e6..180e6.
 */
public record Destination(int latitudeMicros, int longitudeMicros)
{
    /**
     * @param latitude  degrees.
     * @param longitude degrees.
     * @return the destination, rounded to micro-degrees.
     */
    public static Destination ofDegrees(final double latitude, final double longitude)
    {
        return new Destination((int)Math.round(latitude * 1e6), (int)Math.round(longitude * 1e6));
    }
}
