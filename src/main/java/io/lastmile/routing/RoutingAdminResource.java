package io.lastmile.routing;

import io.lastmile.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.StorableText;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Admins load and edit the routing data without a restart: the jurisdictions (GeoJSON), the matter
 * catalog (whole or item by item), the organization (units, posts, accounts, kiosks), and who of
 * a post's A and B holders is on duty. A change that would leave routing inconsistent answers 422
 * and changes nothing.
 */
@Path("/api/v1/admin")
@Tag(name = "routing admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RoutingAdminResource {

    /** Which states of a post's holders are on duty. */
    public record Duty(boolean aOnDuty, boolean bOnDuty) {
    }

    private final RoutingService routing;
    private final ObjectMapper json;
    private final SecurityIdentity admin;

    public RoutingAdminResource(RoutingService routing, ObjectMapper json, SecurityIdentity admin) {
        this.routing = routing;
        this.json = json;
        this.admin = admin;
    }

    @GET
    @Path("/jurisdictions")
    public JsonNode jurisdictions() {
        return routing.snapshot().jurisdictionsDocument();
    }

    @PUT
    @Path("/jurisdictions")
    @Operation(summary = "Replaces the jurisdiction tree with a GeoJSON FeatureCollection")
    public Uni<Response> replaceJurisdictions(JsonNode geoJson) {
        return replace(RoutingService.JURISDICTIONS, geoJson);
    }

    @GET
    @Path("/catalog")
    public JsonNode catalog() {
        return routing.snapshot().catalogDocument();
    }

    @PUT
    @Path("/catalog")
    @Operation(summary = "Replaces the whole matter catalog")
    public Uni<Response> replaceCatalog(JsonNode catalog) {
        return replace(RoutingService.CATALOG, catalog);
    }

    @PUT
    @Path("/catalog/items/{code}")
    @Operation(summary = "Adds or changes one catalog item")
    public Uni<Response> putCatalogItem(@PathParam("code") String code, JsonNode item) {
        if (item == null || !item.isObject()) {
            return Uni.createFrom().item(invalid("a catalog item object is required"));
        }
        ObjectNode changed = ((ObjectNode) item.deepCopy()).put("code", code);
        ObjectNode catalog = routing.snapshot().catalogDocument().deepCopy();
        ArrayNode items = catalog.withArray("items");
        int index = indexOf(items, "code", code);
        if (index >= 0) {
            items.set(index, changed);
        } else {
            items.add(changed);
        }
        return replace(RoutingService.CATALOG, catalog);
    }

    @DELETE
    @Path("/catalog/items/{code}")
    public Uni<Response> deleteCatalogItem(@PathParam("code") String code) {
        ObjectNode catalog = routing.snapshot().catalogDocument().deepCopy();
        ArrayNode items = catalog.withArray("items");
        int index = indexOf(items, "code", code);
        if (index < 0) {
            throw new NotFoundException("没有这个事项 (no catalog item " + code + ")");
        }
        items.remove(index);
        return replace(RoutingService.CATALOG, catalog);
    }

    @GET
    @Path("/organization")
    public JsonNode organization() {
        return routing.snapshot().organizationDocument();
    }

    @PUT
    @Path("/organization")
    @Operation(summary = "Replaces units, posts, accounts and kiosks")
    public Uni<Response> replaceOrganization(JsonNode organization) {
        return replace(RoutingService.ORGANIZATION, organization);
    }

    @PUT
    @Path("/posts/{id: .+}/duty")
    @Operation(summary = "Sets who of a post's A and B holders is on duty (AB岗); the id is unit/post, e.g. 430922104-BMFW/受理岗")
    public Uni<Response> setDuty(@PathParam("id") String id, Duty duty) {
        if (duty == null) {
            return Uni.createFrom().item(invalid("a body {\"aOnDuty\": …, \"bOnDuty\": …} is required"));
        }
        ObjectNode organization = routing.snapshot().organizationDocument().deepCopy();
        ArrayNode posts = organization.withArray("posts");
        int index = indexOf(posts, "id", id);
        if (index < 0) {
            throw new NotFoundException("没有这个岗位 (no post " + id + ")");
        }
        ((ObjectNode) posts.get(index)).put("aOnDuty", duty.aOnDuty()).put("bOnDuty", duty.bOnDuty());
        return replace(RoutingService.ORGANIZATION, organization);
    }

    private Uni<Response> replace(String name, JsonNode document) {
        if (document == null || !document.isObject()) {
            return Uni.createFrom().item(invalid("a JSON object is required"));
        }
        var unstorable = StorableText.firstRefusal(document);
        if (unstorable.isPresent()) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(422, "Invalid routing data", unstorable.get().field(),
                    unstorable.get().reason()));
        }
        try {
            return routing.replace(name, document, admin.getPrincipal().getName())
                    .map(versions -> Response.ok(Map.of("document", name, "versions", versions)).build())
                    .onFailure(RoutingService.ConcurrentChange.class).recoverWithItem(e ->
                            ProblemMappers.problem(409, "Changed meanwhile", e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(invalid(e.getMessage()));
        }
    }

    private static Response invalid(String detail) {
        return ProblemMappers.problem(422, "Invalid routing data", detail, List.of());
    }

    private static int indexOf(ArrayNode array, String field, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (value.equals(array.get(i).path(field).asText())) {
                return i;
            }
        }
        return -1;
    }
}
