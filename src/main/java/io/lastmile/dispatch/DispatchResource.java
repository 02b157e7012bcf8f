package io.lastmile.dispatch;

import io.lastmile.platform.Roles;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import jakarta.annotation.security.RolesAllowed;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * The workflow steps as REST actions on one ticket. Each answers the ticket after the step, or
 * {@code 409} with the current state and the allowed steps when the step is not possible now.
 * The actor is the signed-in caller: a role may take only its own steps ({@code 403} otherwise),
 * and the ticket decides the rest ({@link io.lastmile.ticket.ActingRules}): an official acts only on
 * their own unit's tickets, a dispatcher on a unit's behalf.
 */
@Path("/api/v1/tickets/{number}")
@Tag(name = "dispatch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DispatchResource {

    private final TicketService tickets;
    private final Viewers viewers;

    public DispatchResource(TicketService tickets, Viewers viewers) {
        this.tickets = tickets;
        this.viewers = viewers;
    }

    /** The signed-in caller acts; the ticket decides whether they may, and the timeline records their account name. */
    private Uni<TicketView> act(String number, Step step, StepBody body) {
        Viewer viewer = viewers.current();
        TicketCommand command = (body == null ? StepBody.EMPTY : body).command(step);
        return tickets.handle(number, command, viewer.actor()).map(viewer::contactAsAllowed);
    }

    @POST
    @Path("/answer")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "即办件: an operator answers a consultation at intake and closes it at once (result)")
    public Uni<TicketView> answer(@PathParam("number") String number, StepBody body) {
        return act(number, Step.ANSWER_AT_INTAKE, body);
    }

    @POST
    @Path("/register")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "立案, optionally to another catalog item (catalogCode)")
    public Uni<TicketView> register(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REGISTER, body);
    }

    @POST
    @Path("/dispatch")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "派遣 to unitCode, or without one by the routing rules")
    public Uni<TicketView> dispatch(@PathParam("number") String number, StepBody body) {
        return act(number, Step.DISPATCH, body);
    }

    @POST
    @Path("/sign-for")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "签收: the unit accepts the ticket and becomes responsible for it")
    public Uni<TicketView> signFor(@PathParam("number") String number, StepBody body) {
        return act(number, Step.SIGN_FOR, body);
    }

    @POST
    @Path("/start")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "处置 begins")
    public Uni<TicketView> start(@PathParam("number") String number, StepBody body) {
        return act(number, Step.START, body);
    }

    @POST
    @Path("/return")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "退回 with a reason: back to the dispatcher")
    public Uni<TicketView> returnTicket(@PathParam("number") String number, StepBody body) {
        return act(number, Step.RETURN, body);
    }

    @POST
    @Path("/return/accept")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "The dispatcher accepts a return and routes the ticket to another unit (unitCode)")
    public Uni<TicketView> acceptReturn(@PathParam("number") String number, StepBody body) {
        return act(number, Step.ACCEPT_RETURN, body);
    }

    @POST
    @Path("/return/reject")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "The dispatcher rejects a return and forces the assignment (reason)")
    public Uni<TicketView> rejectReturn(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REJECT_RETURN, body);
    }

    @POST
    @Path("/reassign")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Another unit (unitCode) takes over")
    public Uni<TicketView> reassign(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REASSIGN, body);
    }

    @POST
    @Path("/joint")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "联办: the owning unit leads, the units listed assist")
    public Uni<TicketView> joint(@PathParam("number") String number, StepBody body) {
        return act(number, Step.START_JOINT_HANDLING, body);
    }

    @POST
    @Path("/joint/report")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "An assisting unit (unitCode) reports its part (result)")
    public Uni<TicketView> jointReport(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REPORT_ASSISTANCE, body);
    }

    @POST
    @Path("/extension")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "延期: the unit asks for more days with a reason")
    public Uni<TicketView> requestExtension(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REQUEST_EXTENSION, body);
    }

    @POST
    @Path("/extension/approve")
    @RolesAllowed(Roles.DISPATCHER)
    public Uni<TicketView> approveExtension(@PathParam("number") String number, StepBody body) {
        return act(number, Step.APPROVE_EXTENSION, body);
    }

    @POST
    @Path("/extension/deny")
    @RolesAllowed(Roles.DISPATCHER)
    public Uni<TicketView> denyExtension(@PathParam("number") String number, StepBody body) {
        return act(number, Step.DENY_EXTENSION, body);
    }

    @POST
    @Path("/documents/request")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "补办: the citizen must bring the documents listed (all at once: 一次性告知)")
    public Uni<TicketView> requestDocuments(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REQUEST_DOCUMENTS, body);
    }

    @POST
    @Path("/documents/received")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "The documents arrived: handling resumes")
    public Uni<TicketView> documentsReceived(@PathParam("number") String number, StepBody body) {
        return act(number, Step.RESUME_WITH_DOCUMENTS, body);
    }

    @POST
    @Path("/resolve")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "办结 with the result; a joint ticket only once every assisting unit has reported")
    public Uni<TicketView> resolve(@PathParam("number") String number, StepBody body) {
        return act(number, Step.RESOLVE, body);
    }

    @POST
    @Path("/verify")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "核查")
    public Uni<TicketView> verify(@PathParam("number") String number, StepBody body) {
        return act(number, Step.VERIFY, body);
    }

    @POST
    @Path("/close")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "结案")
    public Uni<TicketView> close(@PathParam("number") String number, StepBody body) {
        return act(number, Step.CLOSE, body);
    }

    @POST
    @Path("/revisit")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "回访 with the satisfaction: 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意")
    public Uni<TicketView> revisit(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REVISIT, body);
    }

    @POST
    @Path("/redo")
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR})
    @Operation(summary = "重办 when the citizen was not satisfied")
    public Uni<TicketView> redo(@PathParam("number") String number, StepBody body) {
        return act(number, Step.REDO, body);
    }

    @POST
    @Path("/supervise")
    @RolesAllowed({Roles.SUPERVISOR, Roles.DISPATCHER})
    @Operation(summary = "督办 with a note (reason), and optionally a new deadline in working days (days)")
    public Uni<TicketView> supervise(@PathParam("number") String number, StepBody body) {
        return act(number, Step.SUPERVISE, body);
    }

    @POST
    @Path("/escalate")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "升级 to the next level up: village → township → county")
    public Uni<TicketView> escalate(@PathParam("number") String number, StepBody body) {
        return act(number, Step.ESCALATE, body);
    }

    @POST
    @Path("/merge")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "合并 into an earlier ticket about the same matter (intoTicketNumber)")
    public Uni<TicketView> merge(@PathParam("number") String number, StepBody body) {
        return act(number, Step.MERGE, body);
    }

    @POST
    @Path("/unmerge")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Undo a 合并 (reason): the ticket goes back to the state it had before")
    public Uni<TicketView> unmerge(@PathParam("number") String number, StepBody body) {
        return act(number, Step.UNMERGE, body);
    }

    @POST
    @Path("/pickup")
    @RolesAllowed({Roles.OFFICIAL, Roles.DISPATCHER})
    @Operation(summary = "The township's operator answers a kiosk press; unanswered ones go to the county center")
    public Uni<TicketView> pickUp(@PathParam("number") String number, StepBody body) {
        return act(number, Step.PICK_UP, body);
    }
}
