package io.lastmile.geo;

/**
 * The coordinate systems of Chinese sources. Chinese web maps and many platforms send GCJ-02, which
 * is WGS-84 shifted by an obfuscating offset of up to several hundred metres; storage, search and
 * maps here agree on WGS-84 and convert at the edge.
 */
public final class ChinaCoordinates {

    // Krasovsky 1940 ellipsoid, as the GCJ-02 transform defines it.
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    /** Mainland China and its islands, generously: a point outside is a wrong point. */
    public static boolean inChina(double longitude, double latitude) {
        return longitude >= 73.4 && longitude <= 135.1 && latitude >= 3.8 && latitude <= 53.6;
    }

    /** The inverse of the GCJ-02 offset, by fixed-point iteration: about 1e-7 degrees (1 cm) in a few steps. */
    public static double[] gcj02ToWgs84(double longitude, double latitude) {
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

    public static double[] wgs84ToGcj02(double longitude, double latitude) {
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

    private ChinaCoordinates() {
    }
}
