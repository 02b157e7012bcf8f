package io.lastmile.routing;

import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The matter catalog as operators read it: what each matter needs, so they can tell a caller everything at once (一次性告知). */
@Path("/api/v1/catalog")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
public class CatalogResource {

    private final RoutingService routing;

    public CatalogResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    public List<CatalogItem> items() {
        return routing.snapshot().catalog().items();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One matter with its time limits and the documents it needs")
    public CatalogItem item(@PathParam("code") String code) {
        return routing.snapshot().catalog().byCode(code)
                .orElseThrow(() -> new NotFoundException("没有这个事项 (no catalog item " + code + ")"));
    }
}
