package io.lastmile.ticket;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tickets as operators and screens read them. */
@Path("/api/v1/tickets")
@Tag(name = "tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        this.tickets = tickets;
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
