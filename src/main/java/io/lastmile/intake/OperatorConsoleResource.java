package io.lastmile.intake;

import io.lastmile.platform.ProblemMappers;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketView;
import io.lastmile.ticket.Urgency;
import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The operator console: a hotline operator taking a call creates the ticket directly, and closes
 * a consultation answered on the phone at once (即办件).
 */
@Path("/api/v1/tickets")
@Tag(name = "tickets")
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
public class OperatorConsoleResource {

    private final IntakeService intake;
    private final TicketService tickets;
    private final Viewers viewers;
    private final Clock clock;

    public OperatorConsoleResource(IntakeService intake, TicketService tickets, Viewers viewers, Clock clock) {
        this.intake = intake;
        this.tickets = tickets;
        this.viewers = viewers;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An operator creates a ticket from a call",
            description = "Send an Idempotency-Key header so that a double click never makes two tickets: "
                    + "the same key answers the same ticket with 200 instead of 201.")
    public Uni<Response> create(@Valid @NotNull(message = "请求体不能为空 (a JSON body is required)") CreateTicketRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        Viewer operator = viewers.current();
        String phone;
        try {
            phone = PhoneNumbers.normalize("callerPhone", request.callerPhone()).orElse(null);
        } catch (IntakeRejected invalid) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(400, "Invalid request", invalid.field(), invalid.reason()));
        }
        if (idempotencyKey != null && idempotencyKey.strip().length() > 100) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(400, "Invalid request", "Idempotency-Key",
                    "至多100个字符 (at most 100 characters)"));
        }
        // Without a key every click is a new call; with one, the key is the idempotency key.
        String sourceId = "console-" + (idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString() : idempotencyKey.trim());
        boolean anonymous = Boolean.TRUE.equals(request.anonymous());
        NewTicket command = new NewTicket(Channel.HOTLINE_12345, sourceId, clock.instant(),
                TicketKind.ofHotlineLabel(request.kind()).orElseThrow(),
                request.urgency() == null ? Urgency.NORMAL : request.urgency(), request.text().strip(),
                request.address() == null || request.address().isBlank() ? null : request.address().strip(),
                Location.UNKNOWN, new Contact(blankToNull(request.callerName()), phone, anonymous), Map.of(), operator.username());
        boolean answeredOnThePhone = request.answer() != null && !request.answer().isBlank();
        if (answeredOnThePhone && command.kind() != TicketKind.CONSULTATION) {
            return Uni.createFrom().item(ProblemMappers.fieldProblem(400, "Invalid request", "answer",
                    "只有咨询件可以即办 (only a consultation can be answered at intake)"));
        }
        return intake.receiveFromOperator(command).chain(received -> {
            // A repeated click after a failed answer still answers: the step is only possible while RECEIVED.
            boolean answerPending = answeredOnThePhone && "RECEIVED".equals(received.ticket().status());
            Uni<TicketView> ticket = !answerPending
                    ? Uni.createFrom().item(received.ticket())
                    : tickets.handle(received.ticket().ticketNumber(), new TicketCommand.AnswerAtIntake(request.answer()),
                            operator.actor());
            return ticket.map(view -> Response
                    .status(received.duplicate() ? Response.Status.OK : Response.Status.CREATED)
                    .location(uri.getBaseUriBuilder().path("api/v1/tickets").path(view.ticketNumber()).build())
                    .entity(view)
                    .build());
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
