package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;

/** Tickets as operators and screens read them. */
@Path("/api/v1/tickets")
@Tag(name = "tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        this.tickets = tickets;
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
        return tickets.timeline(ticketNumber).map(entries -> entries.stream().map(e -> {
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
        return tickets.findByNumber(ticketNumber).map(view -> {
            if (view == null) {
                throw new NotFoundException("没有受理单号为 " + ticketNumber + " 的工单 (no ticket " + ticketNumber + ")");
            }
            return view;
        });
    }
}
