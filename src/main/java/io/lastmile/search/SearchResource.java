package io.lastmile.search;

import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.Roles;
import io.lastmile.security.Viewers;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The search over the whole history: free text, filters, facets, a date histogram, stable paging.
 * An official searches only their jurisdiction: hits, totals, facets and histogram alike.
 */
@Path("/api/v1/search")
@Tag(name = "search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
public class SearchResource {

    private final TicketSearch search;
    private final Viewers viewers;

    public SearchResource(TicketSearch search, Viewers viewers) {
        this.search = search;
        this.viewers = viewers;
    }

    @GET
    @Operation(summary = "Search tickets: q, channel, status, township, unit, category, card, from, to, bbox, near+radius, "
            + "phoneLast4, sort (relevance|newest|oldest), size (1-100), after (a hit's cursor), interval (hour|day|week|month)")
    public Uni<SearchResult> search(@QueryParam("q") String q, @QueryParam("channel") List<String> channel,
            @QueryParam("status") List<String> status, @QueryParam("township") List<String> township,
            @QueryParam("unit") List<String> unit, @QueryParam("category") List<String> category,
            @QueryParam("card") List<String> card, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("bbox") String bbox, @QueryParam("near") String near, @QueryParam("radius") String radius,
            @QueryParam("phoneLast4") String phoneLast4, @QueryParam("sort") String sort, @QueryParam("size") String size,
            @QueryParam("after") String after, @QueryParam("interval") String interval) {
        SearchQuery query = SearchQuery.parse(q, channel, status, township, unit, category, card, from, to, bbox, near,
                radius, phoneLast4, sort, size, after, interval);
        // The caller's jurisdiction, added by the server to every query; nothing in the request widens it.
        return search.search(query, SearchScope.of(viewers.current().scope()));
    }

    /** The search node does not answer (down, restarting): the rest of the service works on. */
    @ServerExceptionMapper
    public Response unavailable(java.io.IOException unreachable) {
        if (unreachable instanceof org.elasticsearch.client.ResponseException refused) {
            // The node answered but refused the request: our query is wrong, not the node down.
            return ProblemMappers.problem(502, "Search node refused the query", "status "
                    + refused.getResponse().getStatusLine().getStatusCode(), List.of());
        }
        return ProblemMappers.problem(503, "Search unavailable",
                "检索服务暂不可用，请稍后再试 (the search node does not answer: " + unreachable.getMessage() + ")", List.of());
    }

    @ServerExceptionMapper
    public Response invalid(SearchParameterInvalid invalid) {
        return ProblemMappers.fieldProblem(400, "Invalid search parameter", invalid.parameter(), invalid.getMessage());
    }
}
