package io.lastmile.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.Roles;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import io.lastmile.ticket.TicketNotFound;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Tickets as operators, dispatchers and officials read them: an official only within their
 * jurisdiction ({@code 403} otherwise), supervisors and admins with the contact masked.
 */
@Path("/api/v1/tickets")
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
@Tag(name = "tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;
    private final Viewers viewers;

    public TicketResource(TicketService tickets, Viewers viewers) {
        this.tickets = tickets;
        this.viewers = viewers;
    }

    /** One step as the timeline shows it, in Asia/Shanghai time. */
    public record TimelineView(int version, String type, String fromStatus, String toStatus, String toStatusLabel,
            String actor, String reason, JsonNode data, String responsible, String unitCode,
            OffsetDateTime occurredAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @GET
    @Path("/{ticketNumber}/timeline")
    @Operation(summary = "Every step of a ticket with actor, time and reason, and who answered for it after each (首问负责制)")
    public Uni<List<TimelineView>> timeline(@PathParam("ticketNumber") String ticketNumber) {
        // The timeline is as private as the ticket: the same check first.
        return byNumber(ticketNumber).chain(visible -> tickets.timeline(ticketNumber)).map(entries -> entries.stream().map(e -> {
            try {
                return new TimelineView(e.version, e.type, e.fromStatus == null ? null : e.fromStatus.name(),
                        e.toStatus.name(), e.toStatus.label(), e.actor, e.reason, JSON.readTree(e.data), e.responsible,
                        e.unitCode, e.occurredAt.atZone(TicketView.SHOWN_IN).toOffsetDateTime());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList());
    }

    @GET
    @Path("/{ticketNumber}")
    @Operation(summary = "One ticket by its number (受理单号)")
    public Uni<TicketView> byNumber(@PathParam("ticketNumber") String ticketNumber) {
        Viewer viewer = viewers.current();
        return tickets.findByNumber(ticketNumber, viewer.actor()).map(view -> {
            if (view == null) {
                throw new TicketNotFound(ticketNumber);
            }
            return viewer.shown(view);
        });
    }
}
