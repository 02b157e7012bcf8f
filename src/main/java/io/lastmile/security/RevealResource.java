package io.lastmile.security;

import io.lastmile.platform.Roles;
import io.lastmile.ticket.TicketNotFound;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * Revealing personal data is an explicit act with a reason, on the audit log: a reader who sees a
 * ticket's contact masked (a supervisor, an admin, an official of another unit in their area) may
 * reveal it and the numbers in its text. A caller who asked not to be named stays hidden from
 * everyone but the hotline, revealed or not. Admins read the log ({@link AuditResource}).
 */
@Path("/api/v1/tickets/{number}/reveal")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class RevealResource {

    private final TicketService tickets;
    private final Viewers viewers;
    private final AuditLog audit;

    public RevealResource(TicketService tickets, Viewers viewers, AuditLog audit) {
        this.tickets = tickets;
        this.viewers = viewers;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The ticket with its contact and the numbers in its text in full, for a stated reason (audited);"
            + " an anonymous caller stays hidden")
    public Uni<TicketView> reveal(@PathParam("number") String number, RevealRequest request) {
        String reason = (request == null ? new RevealRequest(null) : request).required();
        Viewer viewer = viewers.current();
        return tickets.findByNumber(number, viewer.actor())
                .onItem().ifNull().failWith(() -> new TicketNotFound(number))
                .invoke(viewer::requireCovers)
                .call(ticket -> audit.append(viewer, AuditLog.Action.REVEAL_CONTACT, number, "contact",
                        reason))
                // An anonymous caller's name and number are not in the view at all for them: nothing to reveal.
                .map(ticket -> ticket.contact() != null && ticket.contact().anonymous() && !viewer.seesContact(ticket)
                        ? ticket.withMaskedContact() : ticket);
    }

}
