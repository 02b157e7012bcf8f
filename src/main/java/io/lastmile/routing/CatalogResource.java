package io.lastmile.routing;

import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.lastmile.classify.Classification;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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

    /** A call's words as the operator typed them, and the address when there is one. */
    public record ClassificationRequest(String text, String address) {
    }

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

    @POST
    @Path("/classification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which matter a call's words are about, how sure the classifier is and which words decided;"
            + " no code when it would leave the call to a dispatcher")
    public Classification classify(ClassificationRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new BadRequestException("请填写来电内容 (text is required)");
        }
        return routing.snapshot().catalog().classify(request.text(), request.address());
    }
}
