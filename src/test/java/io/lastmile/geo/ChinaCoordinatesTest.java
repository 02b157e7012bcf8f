package io.lastmile.geo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChinaCoordinatesTest {

    @Test
    void gcj02ToWgs84IsTheInverseOfTheOffset() {
        for (double[] p : new double[][] {{112.1062, 28.4123}, {116.3912, 39.9073}, {121.4737, 31.2304}, {87.6, 43.8}}) {
            double[] wgs = ChinaCoordinates.gcj02ToWgs84(p[0], p[1]);
            double[] back = ChinaCoordinates.wgs84ToGcj02(wgs[0], wgs[1]);
            assertEquals(p[0], back[0], 1e-8);
            assertEquals(p[1], back[1], 1e-8);
        }
    }

    @Test
    void offsetInTaojiangIsSomeHundredsOfMetres() {
        double[] wgs = ChinaCoordinates.gcj02ToWgs84(112.1062, 28.4123);
        double metresEast = (112.1062 - wgs[0]) * 111_320 * Math.cos(Math.toRadians(28.4123));
        double metresNorth = (28.4123 - wgs[1]) * 110_540;
        double distance = Math.hypot(metresEast, metresNorth);
        assertTrue(distance > 100 && distance < 1000, "offset " + distance + " m");
    }

    @Test
    void chinaBoundsKeepChinaAndRefuseElsewhere() {
        assertTrue(ChinaCoordinates.inChina(112.1, 28.5));
        assertTrue(ChinaCoordinates.inChina(109.5, 18.2), "Sanya, Hainan");
        assertFalse(ChinaCoordinates.inChina(2.35, 48.85), "Paris");
        assertFalse(ChinaCoordinates.inChina(28.5, 112.1), "swapped");
    }
}
