package io.omnistock.engine.state;

/**
 * Great-circle geometry for distance-based sourcing, exact and identical on every JVM: coordinates become unit
 * vectors once ({@link StrictMath}, and Java 17 floating point is strict everywhere), and locations are compared
 * by the chord between vectors, which orders them exactly as the great-circle distance does. Stateless.
 */
final class GreatCircle
{
    /** Mean Earth radius, metres (IUGG). */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
    private static final double RADIANS_PER_MICRO_DEGREE = Math.PI / 180e6;
    private static final double KEY_SCALE = 0x1p50;

    private GreatCircle()
    {
    }

    /**
     * Writes the unit vector of a coordinate.
     *
     * @param latitudeMicros  latitude, micro-degrees.
     * @param longitudeMicros longitude, micro-degrees.
     * @param point           where to write x, y, z.
     * @param offset          index of x.
     */
    static void point(final int latitudeMicros, final int longitudeMicros, final double[] point, final int offset)
    {
        final double latitude = latitudeMicros * RADIANS_PER_MICRO_DEGREE;
        final double longitude = longitudeMicros * RADIANS_PER_MICRO_DEGREE;
        final double cosLatitude = StrictMath.cos(latitude);
        point[offset] = cosLatitude * StrictMath.cos(longitude);
        point[offset + 1] = cosLatitude * StrictMath.sin(longitude);
        point[offset + 2] = StrictMath.sin(latitude);
    }

    private static double chordSquared(final double[] a, final int aOffset, final double[] b, final int bOffset)
    {
        final double dx = a[aOffset] - b[bOffset];
        final double dy = a[aOffset + 1] - b[bOffset + 1];
        final double dz = a[aOffset + 2] - b[bOffset + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** @return a key that grows with the great-circle distance between two points: the squared chord, scaled. */
    static long distanceKey(final double[] a, final int aOffset, final double[] b, final int bOffset)
    {
        return (long)(chordSquared(a, aOffset, b, bOffset) * KEY_SCALE);
    }

    /** @return the great-circle distance between two points, in metres, rounded. */
    static long distanceMetres(final double[] a, final int aOffset, final double[] b, final int bOffset)
    {
        final double halfChord = Math.min(1.0, StrictMath.sqrt(chordSquared(a, aOffset, b, bOffset)) / 2);
        return Math.round(2 * StrictMath.asin(halfChord) * EARTH_RADIUS_METRES);
    }
}
