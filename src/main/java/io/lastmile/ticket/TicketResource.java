package io.lastmile.ticket;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Tickets as operators and screens read and create them. */
@Path("/api/v1/tickets")
@Tag(name = "tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;
    private final Clock clock;

    public TicketResource(TicketService tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An operator creates a ticket from a call",
            description = "Send an Idempotency-Key header so that a double click never makes two tickets: "
                    + "the same key answers the same ticket with 200 instead of 201.")
    public Uni<Response> create(@Valid @NotNull(message = "请求体不能为空 (a JSON body is required)") CreateTicketRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        String sourceId = idempotencyKey == null || idempotencyKey.isBlank()
                ? "console-" + UUID.randomUUID()
                : "console-" + idempotencyKey.trim();
        NewTicket command = new NewTicket(Channel.HOTLINE_12345, sourceId, clock.instant().truncatedTo(ChronoUnit.MICROS), request.kind(),
                request.urgency() == null ? Urgency.NORMAL : request.urgency(), request.text().trim(),
                request.address(), "operator");
        return tickets.receive(command).map(received -> Response
                .status(received.duplicate() ? Response.Status.OK : Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("api/v1/tickets").path(received.ticket().ticketNumber()).build())
                .entity(received.ticket())
                .build());
    }

    @GET
    @Path("/{ticketNumber}")
    @Operation(summary = "One ticket by its number (受理单号)")
    public Uni<TicketView> byNumber(@PathParam("ticketNumber") String ticketNumber) {
        return tickets.findByNumber(ticketNumber).map(view -> {
            if (view == null) {
                throw new NotFoundException("没有受理单号为 " + ticketNumber + " 的工单 (no ticket " + ticketNumber + ")");
            }
            return view;
        });
    }
}
