package io.lastmile.intake;

import io.lastmile.geo.ChinaCoordinates;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;

/**
 * Positions from the sources, checked and converted at the edge to WGS-84. CGCS2000 differs from
 * WGS-84 by centimetres and is taken as is; GCJ-02 is converted (see {@link ChinaCoordinates}).
 */
final class Coordinates {

    /**
     * The location of a position as a source sent it.
     *
     * @param system         GCJ02, WGS84 or CGCS2000 (case and hyphens ignored)
     * @param systemField    the field that names the system, for errors
     * @param longitudeField the longitude's field, for errors
     */
    static Location fromSource(String system, double longitude, double latitude, String systemField,
            String longitudeField, String latitudeField) {
        if (!ChinaCoordinates.inChina(longitude, latitude) && ChinaCoordinates.inChina(latitude, longitude)) {
            throw IntakeRejected.invalid(longitudeField, "经纬度写反了 (longitude " + longitude + " and latitude "
                    + latitude + " are swapped)");
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw IntakeRejected.invalid(longitudeField, "经度须在 -180 到 180 之间 (longitude out of range)");
        }
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw IntakeRejected.invalid(latitudeField, "纬度须在 -90 到 90 之间 (latitude out of range)");
        }
        if (!ChinaCoordinates.inChina(longitude, latitude)) {
            throw IntakeRejected.invalid(longitudeField, "坐标不在中国境内 (" + longitude + ", " + latitude
                    + " is outside China)");
        }
        String normalized = system == null ? "" : system.trim().toUpperCase().replace("-", "").replace("_", "");
        double[] wgs84 = switch (normalized) {
            case "GCJ02" -> ChinaCoordinates.gcj02ToWgs84(longitude, latitude);
            case "WGS84", "CGCS2000" -> new double[] {longitude, latitude};
            default -> throw IntakeRejected.invalid(systemField,
                    "坐标系须为 GCJ02、WGS84 或 CGCS2000 (unknown coordinate system '" + system + "')");
        };
        return new Location(wgs84[0], wgs84[1], LocationPrecision.EXACT, normalized, longitude, latitude);
    }

    private Coordinates() {
    }
}
