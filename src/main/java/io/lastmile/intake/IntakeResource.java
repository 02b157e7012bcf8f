package io.lastmile.intake;

import io.lastmile.platform.Problem;
import io.lastmile.platform.ProblemMappers;
import io.lastmile.ticket.TicketService.Received;
import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.lastmile.security.SourceSystems;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Source systems post their native records here, the same bytes they would put on
 * {@code intake.<channel>}: {@code 201} for a new ticket, {@code 200} with {@code duplicate: true}
 * and the same ticket number for a repeated delivery. Each source system sends its key in
 * {@code X-Api-Key}; a key may deliver to the channels it was issued for.
 */
@Path("/api/v1/intake")
@Tag(name = "intake")
@RolesAllowed(Roles.SOURCE)
public class IntakeResource {

    /** What the service answers a source: enough to quote the ticket number back to the citizen. */
    public record Accepted(String ticketNumber, UUID id, String status, boolean duplicate) {

        static Accepted of(Received received) {
            return new Accepted(received.ticket().ticketNumber(), received.ticket().id(), received.ticket().status(),
                    received.duplicate());
        }
    }

    private final IntakeService intake;
    private final SourceSystems sources;
    private final int maxRecordBytes;

    public IntakeResource(IntakeService intake, SourceSystems sources,
            IntakeConfig config) {
        this.intake = intake;
        this.sources = sources;
        this.maxRecordBytes = config.maxRecordBytes();
    }

    @POST
    @Path("/{channel}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A source system delivers one record in its native format (JSON, or XML for 12369)")
    public Uni<Response> deliver(@PathParam("channel") String code, byte[] body) {
        var channel = intake.channel(code);
        if (channel.isEmpty()) {
            return Uni.createFrom().item(ProblemMappers.problem(404, "Unknown channel", "没有这个渠道 (unknown channel '" + code
                    + "'; known: " + Arrays.stream(io.lastmile.ticket.Channel.values())
                    .map(io.lastmile.ticket.Channel::code).collect(Collectors.joining(", ")) + ")", List.of()));
        }
        sources.requireChannel(channel.get().code());
        if (body != null && body.length > maxRecordBytes) {
            return Uni.createFrom().item(ProblemMappers.problem(413, "Record too large", "记录超过 " + maxRecordBytes / 1024
                    + " KiB (the record has " + body.length + " bytes; at most " + maxRecordBytes + ")", List.of()));
        }
        return intake.accept(channel.get(), body)
                .map(received -> Response.status(received.duplicate() ? 200 : 201)
                        .entity(Accepted.of(received)).type(MediaType.APPLICATION_JSON).build())
                .onFailure(IntakeRejected.class).recoverWithItem(e -> rejected((IntakeRejected) e));
    }

    /** 400 for a record that cannot be read at all, 422 for one that is readable but invalid. */
    static Response rejected(IntakeRejected rejected) {
        List<Problem.FieldError> errors = rejected.field() == null ? List.of()
                : List.of(new Problem.FieldError(rejected.field(), rejected.reason()));
        return rejected.kind() == IntakeRejected.Kind.MALFORMED
                ? ProblemMappers.problem(400, "Unreadable record", rejected.describe(), errors)
                : ProblemMappers.problem(422, "Invalid record", rejected.describe(), errors);
    }
}
