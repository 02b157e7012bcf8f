package io.lastmile.ticket;

/**
 * Where a matter is: a WGS-84 point (the one system storage, search and maps agree on), how
 * precise it is, and the position exactly as the source sent it, before any conversion.
 *
 * @param longitude       WGS-84, or null when unknown
 * @param latitude        WGS-84, or null when unknown
 * @param precision       how the point was obtained
 * @param sourceSystem    the source's coordinate system (GCJ02, WGS84, CGCS2000), or null
 * @param sourceLongitude as sent
 * @param sourceLatitude  as sent
 */
public record Location(Double longitude, Double latitude, LocationPrecision precision, String sourceSystem,
        Double sourceLongitude, Double sourceLatitude) {

    public static final Location UNKNOWN = new Location(null, null, LocationPrecision.NONE, null, null, null);
}
