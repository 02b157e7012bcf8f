package io.lastmile.intake;

import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;

/**
 * Positions from the sources, converted at the edge to WGS-84. Chinese web maps and many platforms
 * send GCJ-02, offset from WGS-84 by up to several hundred metres; CGCS2000 differs from WGS-84 by
 * centimetres and is taken as is.
 */
final class Coordinates {

    // Krasovsky 1940 ellipsoid, as the GCJ-02 transform defines it.
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    /** Mainland China and its islands, generously: a point outside is a wrong point. */
    static boolean inChina(double longitude, double latitude) {
        return longitude >= 73.4 && longitude <= 135.1 && latitude >= 3.8 && latitude <= 53.6;
    }

    /**
     * The location of a position as a source sent it.
     *
     * @param system         GCJ02, WGS84 or CGCS2000 (case and hyphens ignored)
     * @param systemField    the field that names the system, for errors
     * @param longitudeField the longitude's field, for errors
     */
    static Location fromSource(String system, double longitude, double latitude, String systemField,
            String longitudeField, String latitudeField) {
        if (!inChina(longitude, latitude) && inChina(latitude, longitude)) {
            throw IntakeRejected.invalid(longitudeField, "经纬度写反了 (longitude " + longitude + " and latitude "
                    + latitude + " are swapped)");
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw IntakeRejected.invalid(longitudeField, "经度须在 -180 到 180 之间 (longitude out of range)");
        }
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw IntakeRejected.invalid(latitudeField, "纬度须在 -90 到 90 之间 (latitude out of range)");
        }
        if (!inChina(longitude, latitude)) {
            throw IntakeRejected.invalid(longitudeField, "坐标不在中国境内 (" + longitude + ", " + latitude
                    + " is outside China)");
        }
        String normalized = system == null ? "" : system.trim().toUpperCase().replace("-", "").replace("_", "");
        double[] wgs84 = switch (normalized) {
            case "GCJ02" -> gcj02ToWgs84(longitude, latitude);
            case "WGS84", "CGCS2000" -> new double[] {longitude, latitude};
            default -> throw IntakeRejected.invalid(systemField,
                    "坐标系须为 GCJ02、WGS84 或 CGCS2000 (unknown coordinate system '" + system + "')");
        };
        return new Location(wgs84[0], wgs84[1], LocationPrecision.EXACT, normalized, longitude, latitude);
    }

    /** The inverse of the GCJ-02 offset, by fixed-point iteration: about 1e-7 degrees (1 cm) in a few steps. */
    static double[] gcj02ToWgs84(double longitude, double latitude) {
        double lon = longitude;
        double lat = latitude;
        for (int i = 0; i < 30; i++) {
            double[] shifted = wgs84ToGcj02(lon, lat);
            double dLon = shifted[0] - longitude;
            double dLat = shifted[1] - latitude;
            lon -= dLon;
            lat -= dLat;
            if (Math.abs(dLon) < 1e-9 && Math.abs(dLat) < 1e-9) {
                break;
            }
        }
        return new double[] {lon, lat};
    }

    static double[] wgs84ToGcj02(double longitude, double latitude) {
        double dLat = transformLatitude(longitude - 105.0, latitude - 35.0);
        double dLon = transformLongitude(longitude - 105.0, latitude - 35.0);
        double radLat = latitude / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {longitude + dLon, latitude + dLat};
    }

    private static double transformLatitude(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLongitude(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }

    private Coordinates() {
    }
}
