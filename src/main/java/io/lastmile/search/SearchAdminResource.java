package io.lastmile.search;

import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Rebuilding and checking the search index, for administrators. */
@Path("/api/v1/admin/search")
@Tag(name = "search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SearchAdminResource {

    private final Reindexer reindexer;
    private final Reconciler reconciler;
    private final SecurityIdentity admin;

    public SearchAdminResource(Reindexer reindexer, Reconciler reconciler, SecurityIdentity admin) {
        this.reindexer = reindexer;
        this.reconciler = reconciler;
        this.admin = admin;
    }

    @POST
    @Path("/reindex")
    @Operation(summary = "Rebuild the index from PostgreSQL into a new index and switch the alias: 202 with the job; 409 while one runs")
    public Uni<Response> reindex() {
        return reindexer.start(admin.getPrincipal().getName())
                .map(job -> Response.accepted(job).location(URI.create("/api/v1/admin/search/reindex/" + job.id())).build());
    }

    @GET
    @Path("/reindex")
    @Operation(summary = "The running reindex job, else the last one")
    public Uni<Response> latest() {
        return reindexer.latest().map(job -> job.map(j -> Response.ok(j).build())
                .orElseGet(() -> ProblemMappers.problem(404, "Not Found", "no reindex has run yet", java.util.List.of())));
    }

    @GET
    @Path("/reindex/{id}")
    @Operation(summary = "A reindex job's progress: phase, done/total, rate")
    public Uni<Response> job(@PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(400, "Invalid request", "id", "不是任务编号 (not a job id)"));
        }
        return reindexer.find(jobId).map(job -> job.map(j -> Response.ok(j).build())
                .orElseGet(() -> ProblemMappers.problem(404, "Not Found", "no reindex job " + id, java.util.List.of())));
    }

    @POST
    @Path("/reconcile")
    @Operation(summary = "Compare PostgreSQL with the index now and repair missing or older documents "
            + "(or start a reindex when the alias points to an older mapping version)")
    public Uni<Reconciler.Result> reconcile() {
        return reconciler.run();
    }

    @ServerExceptionMapper
    public Response running(Reindexer.AlreadyRunning running) {
        return Response.status(409).type(io.lastmile.platform.Problem.MEDIA_TYPE)
                .entity(new io.lastmile.platform.Problem("about:blank", "A reindex runs already", 409,
                        "job " + running.running.id() + " is " + running.running.phase(), java.util.List.of(),
                        Map.of("job", running.running)))
                .build();
    }
}
