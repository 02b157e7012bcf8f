package io.lastmile.routing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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

    /** A matter with the rules that give each stage of its tickets its limit. */
    public record MatterView(@JsonUnwrapped CatalogItem matter, List<MatterTimeLimits.StageRule> stages) {
    }

    private final RoutingService routing;
    private final MatterTimeLimits timeLimits;

    /** A call's words as the operator typed them, and the address when there is one. */
    public record ClassificationRequest(String text, String address) {
    }

    public CatalogResource(RoutingService routing, MatterTimeLimits timeLimits) {
        this.routing = routing;
        this.timeLimits = timeLimits;
    }

    @GET
    public List<CatalogItem> items() {
        return routing.snapshot().catalog().items();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One matter with the documents it needs and its time limits: under stages, each stage's"
            + " rules in the order they are tried (the matter's own clock, its channel and kind's, the urgency's or the"
            + " promised limit, the default)")
    public MatterView item(@PathParam("code") String code) {
        Catalog catalog = routing.snapshot().catalog();
        CatalogItem matter = catalog.byCode(code)
                .orElseThrow(() -> new NotFoundException("没有这个事项 (no catalog item " + code + ")"));
        return new MatterView(matter, timeLimits.stagesOf(matter, catalog));
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
