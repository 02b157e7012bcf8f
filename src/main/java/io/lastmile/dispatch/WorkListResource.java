package io.lastmile.dispatch;

import io.lastmile.routing.Organization;
import io.lastmile.routing.RoutingService;
import io.lastmile.platform.Roles;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import jakarta.annotation.security.RolesAllowed;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketService.WorkPage;
import io.lastmile.ticket.TicketStatus;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The lists people work from: the dispatcher's queue and a unit's inbox, both 特急 > 紧急 > 一般,
 * then the nearest deadline, paged. The queue and the supervised list are county-wide and for
 * county roles; an official reads the inbox of their own unit or a unit below it.
 */
@Path("/api/v1")
@Tag(name = "dispatch")
@Produces(MediaType.APPLICATION_JSON)
public class WorkListResource {

    /** What waits for a dispatcher: new tickets, returns and extension requests. */
    static final List<TicketStatus> QUEUE = List.of(TicketStatus.RECEIVED, TicketStatus.REGISTERED, TicketStatus.RETURNED,
            TicketStatus.EXTENSION_REQUESTED);
    /** What a unit works on: dispatched to it (or assisting), signed for, in progress or paused. */
    static final List<TicketStatus> INBOX = List.of(TicketStatus.DISPATCHED, TicketStatus.SIGNED_FOR,
            TicketStatus.IN_PROGRESS, TicketStatus.EXTENSION_REQUESTED, TicketStatus.WAITING_FOR_DOCUMENTS);

    private final TicketService tickets;
    private final RoutingService routing;
    private final Viewers viewers;

    public WorkListResource(TicketService tickets, RoutingService routing, Viewers viewers) {
        this.tickets = tickets;
        this.routing = routing;
        this.viewers = viewers;
    }

    @GET
    @Path("/queue")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
    @Operation(summary = "The dispatcher's queue: new, returned and extension-requested tickets")
    public Uni<WorkPage> queue(@QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page 须 >= 0")
            @Max(value = 100_000, message = "page 须 <= 100000") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "size 须 >= 1")
            @Max(value = 200, message = "size 须 <= 200") int size) {
        Viewer viewer = viewers.current();
        return contactsAsAllowed(viewer, tickets.work(QUEUE, null, page, size, viewer.actor()));
    }

    @GET
    @Path("/supervised")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR})
    @Operation(summary = "督办: tickets a supervisor pressed or that got a red card, until they are done")
    public Uni<WorkPage> supervised(@QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page 须 >= 0")
            @Max(value = 100_000, message = "page 须 <= 100000") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "size 须 >= 1")
            @Max(value = 200, message = "size 须 <= 200") int size) {
        Viewer viewer = viewers.current();
        return contactsAsAllowed(viewer, tickets.supervised(page, size, viewer.actor()));
    }

    @GET
    @Path("/units/{code}/inbox")
    @RolesAllowed({Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR})
    @Operation(summary = "A unit's inbox: what it was dispatched, what it assists with, and what it is handling")
    public Uni<WorkPage> inbox(@PathParam("code") String code,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page 须 >= 0")
            @Max(value = 100_000, message = "page 须 <= 100000") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "size 须 >= 1")
            @Max(value = 200, message = "size 须 <= 200") int size) {
        if (routing.snapshot().organization().unit(code).isEmpty()) {
            throw new NotFoundException("没有这个单位 (no unit " + code + ")");
        }
        Viewer viewer = viewers.current();
        viewer.requireCoversUnit(code);
        return contactsAsAllowed(viewer, tickets.work(INBOX, code, page, size, viewer.actor()));
    }

    @GET
    @Path("/units")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The units tickets go to (code, name, kind, jurisdiction), for choosing where to dispatch or re-route")
    public List<Organization.Unit> units() {
        return routing.snapshot().organization().units();
    }

    /** Supervisors read lists with the contacts masked; those who call citizens back see them. */
    private static Uni<WorkPage> contactsAsAllowed(Viewer viewer, Uni<WorkPage> work) {
        return work.map(page -> new WorkPage(page.total(), page.page(), page.size(),
                page.items().stream().map(viewer::contactAsAllowed).toList()));
    }
}
