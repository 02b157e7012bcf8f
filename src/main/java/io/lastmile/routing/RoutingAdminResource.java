package io.lastmile.routing;

import io.lastmile.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.StorableText;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Admins load and edit the routing data without a restart: the jurisdictions (GeoJSON), the matter
 * catalog (whole or item by item), the organization (units, posts, accounts, kiosks), and who of
 * a post's A and B holders is on duty. A change that would leave routing inconsistent answers 422
 * and changes nothing. Every GET answers the document's ETag and every change needs it back in
 * If-Match, so that two admins editing at once never overwrite each other; an item endpoint takes
 * the ETag of the document it changes.
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
    @Path("/{document: jurisdictions|catalog|organization}")
    @Operation(summary = "A routing document with its ETag: the jurisdiction tree (GeoJSON), the matter catalog, or the"
            + " organization (units, posts, accounts, kiosks)")
    public Response document(@PathParam("document") String name) {
        RoutingService.Document document = routing.document(name);
        return tagged(document.content(), document);
    }

    @PUT
    @Path("/{document: jurisdictions|catalog|organization}")
    @Operation(summary = "Replaces a routing document whole (If-Match: the ETag of the GET); the jurisdictions as a"
            + " GeoJSON FeatureCollection")
    public Uni<Response> replace(@PathParam("document") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonNode content) {
        JsonNode given = content == null ? NullNode.getInstance() : content;
        return change(name, ifMatch, given, current -> given);
    }

    @GET
    @Path("/catalog/items/{code}")
    @Operation(summary = "One catalog item, with the catalog's ETag")
    public Response catalogItem(@PathParam("code") String code) {
        RoutingService.Document catalog = routing.document(RoutingService.CATALOG);
        return tagged(catalog.content().path("items").get(itemIndex(catalog.content(), code)), catalog);
    }

    @PUT
    @Path("/catalog/items/{code}")
    @Operation(summary = "Adds or changes one catalog item (If-Match: the catalog's ETag)")
    public Uni<Response> putCatalogItem(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonNode item) {
        if (item == null || !item.isObject()) {
            return Uni.createFrom().item(invalid("a catalog item object is required"));
        }
        ObjectNode changed = ((ObjectNode) item.deepCopy()).put("code", code);
        return change(RoutingService.CATALOG, ifMatch, changed, current -> {
            ArrayNode items = ((ObjectNode) current).withArray("items");
            int index = indexOf(items, "code", code);
            if (index >= 0) {
                items.set(index, changed);
            } else {
                items.add(changed);
            }
            return current;
        });
    }

    @DELETE
    @Path("/catalog/items/{code}")
    @Operation(summary = "Removes one catalog item (If-Match: the catalog's ETag)")
    public Uni<Response> deleteCatalogItem(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        itemIndex(routing.document(RoutingService.CATALOG).content(), code);
        return change(RoutingService.CATALOG, ifMatch, null, current -> {
            ((ObjectNode) current).withArray("items").remove(itemIndex(current, code));
            return current;
        });
    }

    @GET
    @Path("/posts/{id: .+}/duty")
    @Operation(summary = "Who of a post's A and B holders is on duty, with the organization's ETag")
    public Response duty(@PathParam("id") String id) {
        RoutingService.Document organization = routing.document(RoutingService.ORGANIZATION);
        JsonNode post = post(organization.content(), id);
        return tagged(new Duty(post.path("aOnDuty").asBoolean(true), post.path("bOnDuty").asBoolean(true)), organization);
    }

    @PUT
    @Path("/posts/{id: .+}/duty")
    @Operation(summary = "Sets who of a post's A and B holders is on duty (AB岗); the id is unit/post, e.g. 430922104-BMFW/受理岗"
            + " (If-Match: the organization's ETag)")
    public Uni<Response> setDuty(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Duty duty) {
        post(routing.document(RoutingService.ORGANIZATION).content(), id);
        if (duty == null) {
            return Uni.createFrom().item(invalid("a body {\"aOnDuty\": …, \"bOnDuty\": …} is required"));
        }
        return change(RoutingService.ORGANIZATION, ifMatch, null, current -> {
            ((ObjectNode) post(current, id)).put("aOnDuty", duty.aOnDuty()).put("bOnDuty", duty.bOnDuty());
            return current;
        });
    }

    private static JsonNode post(JsonNode organization, String id) {
        JsonNode posts = organization.path("posts");
        int index = indexOf(posts, "id", id);
        if (index < 0) {
            throw new NotFoundException("没有这个岗位 (no post " + id + ")");
        }
        return posts.get(index);
    }

    private static int itemIndex(JsonNode catalog, String code) {
        int index = indexOf(catalog.path("items"), "code", code);
        if (index < 0) {
            throw new NotFoundException("没有这个事项 (no catalog item " + code + ")");
        }
        return index;
    }

    /** What a GET answers, with the ETag of the document it is part of. */
    private static Response tagged(Object entity, RoutingService.Document document) {
        return Response.ok(entity).tag(new EntityTag(document.entityTag())).build();
    }

    /**
     * The admin's change to a document, only over the version they read: {@code 428} without
     * If-Match, {@code 412} when the document changed since, {@code 422} when the result is
     * inconsistent; the new ETag on success.
     *
     * @param body the request's document, checked before anything else; null when the change builds it
     */
    private Uni<Response> change(String name, String ifMatch, JsonNode body, UnaryOperator<JsonNode> change) {
        OptionalLong basedOn = versionIn(ifMatch, name);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return Uni.createFrom().item(ProblemMappers.problem(428, "Precondition required",
                    "请带上 If-Match：读取时得到的 ETag (send If-Match with the ETag of your GET, so that no one else's change"
                            + " is overwritten)", List.of()));
        }
        if (basedOn.isEmpty()) {
            return Uni.createFrom().item(stale(new RoutingService.ConcurrentChange(name)));
        }
        if (body != null && !body.isObject()) {
            return Uni.createFrom().item(invalid("a JSON object is required"));
        }
        var unstorable = body == null ? java.util.Optional.<StorableText.Refusal>empty() : StorableText.firstRefusal(body);
        if (unstorable.isPresent()) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(422, "Invalid routing data", unstorable.get().field(),
                    unstorable.get().reason()));
        }
        return routing.replace(name, basedOn.getAsLong(), change, admin.getPrincipal().getName())
                .map(changed -> Response.ok(Map.of("document", name, "versions", routing.versions()))
                        .tag(new EntityTag(changed.entityTag())).build())
                .onFailure(RoutingService.ConcurrentChange.class).recoverWithItem(RoutingAdminResource::stale)
                .onFailure(IllegalArgumentException.class).recoverWithItem(e -> invalid(e.getMessage()));
    }

    /**
     * The version an If-Match names for this document ({@code "catalog-7"}, possibly in a list);
     * empty when it names none. Weak tags never match: a change needs the exact version.
     */
    private static OptionalLong versionIn(String ifMatch, String name) {
        if (ifMatch == null) {
            return OptionalLong.empty();
        }
        return Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .filter(tag -> tag.startsWith("\"" + name + "-") && tag.endsWith("\"") && tag.length() > name.length() + 3)
                .map(tag -> tag.substring(name.length() + 2, tag.length() - 1))
                .filter(version -> version.chars().allMatch(Character::isDigit) && version.length() < 18)
                .mapToLong(Long::parseLong)
                .max();
    }

    private static Response stale(Throwable changed) {
        return ProblemMappers.problem(412, "Changed meanwhile", changed.getMessage(), List.of());
    }

    private static Response invalid(String detail) {
        return ProblemMappers.problem(422, "Invalid routing data", detail, List.of());
    }

    private static int indexOf(JsonNode array, String field, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (value.equals(array.get(i).path(field).asText())) {
                return i;
            }
        }
        return -1;
    }
}
