package io.lastmile.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The {@code lastmile.map.*} settings of the screens' map. Without a tile layer the map draws the
 * jurisdictions' boundaries alone, which needs no internet.
 */
@ConfigMapping(prefix = "lastmile.map")
public interface MapConfig {

    /** A tile layer's URL template ({@code {z}/{x}/{y}}, {@code {s}}), e.g. a 天地图 layer with its key; none by default. */
    Optional<String> tileUrl();

    /** The tile layer's attribution line. */
    Optional<String> tileAttribution();

    /**
     * The tiles' coordinate system: {@code wgs84} (天地图's CGCS2000 is within a metre of it) or
     * {@code gcj02} (AMap and other Chinese web maps), for which the page shifts every marker and boundary.
     */
    @WithDefault("wgs84")
    String tileCoordinates();
}
