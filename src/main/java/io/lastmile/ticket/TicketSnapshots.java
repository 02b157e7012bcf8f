package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.ticket.event.TicketSnapshot;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The event schema's view of a ticket: the one mapper from the model to {@link TicketSnapshot}, and the
 * conversions every view of a ticket shares (times as people read them, the channel extras).
 */
final class TicketSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TicketSnapshot of(Ticket t) {
        return new TicketSnapshot(t.id, t.ticketNumber, t.channel.code(), t.sourceId, t.status, t.kind, t.urgency, t.text,
                t.address, new Location(t.longitude, t.latitude, t.locationPrecision, t.sourceCoordSystem,
                        t.sourceLongitude, t.sourceLatitude),
                new Contact(t.contactName, t.contactPhone, t.anonymous), extras(t.extras), t.townshipName, t.townshipCode,
                t.villageName, t.villageCode, TicketSnapshot.Ref.of(t.unitCode, t.unitName),
                TicketSnapshot.Ref.of(t.catalogCode, t.catalogName), t.assignee, t.routedBy, t.responsible, t.immediate,
                t.resultText, t.satisfaction, t.supervised, t.redoCount, t.mergedInto, t.extensionDays,
                JointHandling.read(t.assistants), shown(t.deadline),
                new TicketSnapshot.TimeLimits(shown(t.signForDeadline), shown(t.completionDeadline),
                        shown(t.feedbackDeadline), t.card, shown(t.yellowAt), t.pausedAt != null, t.deadlineProvisional),
                shown(t.sourceTime), shown(t.receivedAt), t.receivedBy, t.version);
    }

    static OffsetDateTime shown(Instant instant) {
        return instant == null ? null : instant.atZone(TicketView.SHOWN_IN).toOffsetDateTime();
    }

    static JsonNode extras(String extras) {
        try {
            return JSON.readTree(extras == null ? "{}" : extras);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket extras are not JSON", e);
        }
    }

    private TicketSnapshots() {
    }
}
