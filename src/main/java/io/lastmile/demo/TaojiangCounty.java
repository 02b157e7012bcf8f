package io.lastmile.demo;

import java.util.List;

/**
 * The demo county 桃江县 (Taojiang, Hunan; seed 004) as the demo feed needs it: townships with the
 * demo codes of the shared channel description and villages the seeds name, plus a few more. The
 * centres are approximate WGS-84 points for a plausible map, not surveyed data.
 */
final class TaojiangCounty {

    static final String COUNTY = "桃江县";
    static final String COUNTY_CODE = "430922";

    record Village(String name, double longitude, double latitude) {
    }

    record Township(String code, String name, double longitude, double latitude, List<Village> villages) {
    }

    static final List<Township> TOWNSHIPS = List.of(
            new Township("101", "桃花江镇", 112.139, 28.520, List.of(
                    new Village("桃花东路社区", 112.142, 28.521), new Village("株木潭村", 112.118, 28.541))),
            new Township("102", "灰山港镇", 112.106, 28.405, List.of(
                    new Village("灰山港社区", 112.103, 28.410), new Village("金家坪村", 112.131, 28.392))),
            new Township("103", "武潭镇", 111.905, 28.553, List.of(
                    new Village("武潭社区", 111.902, 28.557), new Village("罗家坪村", 111.931, 28.571))),
            new Township("104", "修山镇", 112.050, 28.601, List.of(
                    new Village("花桥港村", 112.047, 28.604), new Village("修山村", 112.062, 28.615))),
            new Township("105", "大栗港镇", 111.972, 28.472, List.of(
                    new Village("兴坪村", 111.981, 28.466), new Village("大栗港社区", 111.968, 28.476))),
            new Township("106", "浮邱山乡", 112.214, 28.472, List.of(
                    new Village("枳木山村", 112.221, 28.480), new Village("浮邱山村", 112.205, 28.463))));

    private TaojiangCounty() {
    }
}
