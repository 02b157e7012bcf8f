package io.lastmile.intake;

import io.lastmile.platform.Roles;
import io.lastmile.security.AuditLog;
import io.lastmile.security.RevealRequest;
import io.lastmile.security.Viewers;
import io.lastmile.ticket.PersonalNumbers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Operators look at the records that could not become tickets, and replay them after a fix. */
@Path("/api/v1/intake/dead-letters")
@Tag(name = "intake")
@Produces(MediaType.APPLICATION_JSON)
// Dead letters hold the source's original bytes, phone numbers included: dispatchers and admins only.
@RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
public class DeadLetterResource {

    private static final int PREVIEW_CHARACTERS = 2000;

    /**
     * A dead letter as operators read it; the payload as text (lenient UTF-8), cut at 2000
     * characters, with phone, ID and bank-card numbers masked unless revealed.
     */
    public record DeadLetterView(UUID id, String channel, String sourceKey, String field, String reason,
            OffsetDateTime receivedAt, OffsetDateTime replayedAt, String ticketNumber, int payloadBytes,
            String payloadPreview) {

        static DeadLetterView of(IntakeDeadLetter letter) {
            return revealed(letter).masked();
        }

        private DeadLetterView masked() {
            return new DeadLetterView(id, channel, sourceKey, field, PersonalNumbers.mask(reason), receivedAt, replayedAt,
                    ticketNumber, payloadBytes, PersonalNumbers.mask(payloadPreview));
        }

        static DeadLetterView revealed(IntakeDeadLetter letter) {
            String text = new String(letter.payload, StandardCharsets.UTF_8);
            return new DeadLetterView(letter.id, letter.channel, letter.sourceKey, letter.field, letter.reason,
                    letter.receivedAt.atZone(SourceTimes.LOCAL).toOffsetDateTime(),
                    letter.replayedAt == null ? null : letter.replayedAt.atZone(SourceTimes.LOCAL).toOffsetDateTime(),
                    letter.ticketNumber, letter.payload.length,
                    text.length() > PREVIEW_CHARACTERS ? text.substring(0, PREVIEW_CHARACTERS) + "…" : text);
        }
    }

    private final DeadLetters deadLetters;
    private final IntakeService intake;
    private final Viewers viewers;
    private final AuditLog audit;

    public DeadLetterResource(DeadLetters deadLetters, IntakeService intake, Viewers viewers, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.intake = intake;
        this.viewers = viewers;
        this.audit = audit;
    }


    @GET
    @Operation(summary = "Dead letters, newest first; by default only those not replayed yet")
    public Uni<List<DeadLetterView>> list(@QueryParam("channel") String channel,
            @QueryParam("open") @DefaultValue("true") boolean open,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page 须 >= 0")
            @Max(value = 100_000, message = "page 须 <= 100000") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "size 须 >= 1")
            @Max(value = 500, message = "size 须 <= 500") int size) {
        return audit.append(viewers.current(), AuditLog.Action.READ_DEAD_LETTERS, null, channel == null ? "all" : channel, null)
                .chain(() -> deadLetters.list(channel, open, page, size))
                .map(letters -> letters.stream().map(DeadLetterView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<DeadLetterView> one(@PathParam("id") UUID id) {
        return deadLetters.find(id).map(letter -> DeadLetterView.of(require(letter, id)))
                .call(letter -> audit.append(viewers.current(), AuditLog.Action.READ_DEAD_LETTERS, letter.ticketNumber(),
                        id.toString(), null));
    }

    @POST
    @Path("/{id}/reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One dead letter with the source's bytes unmasked, for a stated reason (audited)")
    public Uni<DeadLetterView> reveal(@PathParam("id") UUID id, RevealRequest request) {
        String reason = (request == null ? new RevealRequest(null) : request).required();
        return deadLetters.find(id).map(letter -> DeadLetterView.revealed(require(letter, id)))
                .call(letter -> audit.append(viewers.current(), AuditLog.Action.REVEAL_DEAD_LETTER, letter.ticketNumber(),
                        id.toString(), reason));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Runs the channel's adapter on the stored bytes again, e.g. after the adapter was fixed",
            description = "201 with the new ticket, 200 if it had already become a ticket, 422 with today's reason if it still fails")
    public Uni<Response> replay(@PathParam("id") UUID id) {
        return deadLetters.find(id).chain(found -> {
            IntakeDeadLetter letter = require(found, id);
            var channel = intake.channel(letter.channel).orElseThrow();
            return intake.accept(channel, letter.payload)
                    .call(received -> deadLetters.markReplayed(id, received.ticket().ticketNumber()))
                    .map(received -> Response.status(received.duplicate() ? 200 : 201)
                            .entity(IntakeResource.Accepted.of(received)).build())
                    .onFailure(IntakeRejected.class).recoverWithUni(e -> deadLetters
                            .updateReason(id, (IntakeRejected) e)
                            .replaceWith(IntakeResource.rejected((IntakeRejected) e)));
        });
    }

    private static IntakeDeadLetter require(IntakeDeadLetter letter, UUID id) {
        if (letter == null) {
            throw new NotFoundException("没有这条死信 (no dead letter " + id + ")");
        }
        return letter;
    }
}
