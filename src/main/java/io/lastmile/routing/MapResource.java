package io.lastmile.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the screens' map draws under the tickets: the county's township and village boundaries
 * from the routing data (the same tree that routes tickets), and the optional tile layer.
 */
@Path("/api/v1/map")
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
public class MapResource {

    /** The optional tile layer: its URL template (null: boundaries only), attribution and coordinate system. */
    public record Tiles(String url, String attribution, String coordinates) {
    }

    /** The map's layers; the boundaries as a GeoJSON FeatureCollection in WGS-84. */
    public record MapLayers(Tiles tiles, JsonNode boundaries) {
    }

    private final RoutingService routing;
    private final MapConfig config;

    public MapResource(RoutingService routing, MapConfig config) {
        this.routing = routing;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The map's layers: the jurisdictions' boundaries (GeoJSON, WGS-84) and the optional tile layer")
    public MapLayers map() {
        return new MapLayers(new Tiles(config.tileUrl().orElse(null), config.tileAttribution().orElse(""),
                config.tileCoordinates()), routing.document(RoutingService.JURISDICTIONS).content());
    }
}
