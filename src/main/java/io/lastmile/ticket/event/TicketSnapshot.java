package io.lastmile.ticket.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.PersonalNumbers;
import io.lastmile.ticket.JointHandling;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.Urgency;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The ticket's state after an event, as the event schema defines it (docs/events.md): what every
 * consumer of {@code ticket-events} may work from without asking back. Contacts are always masked, and so are
 * phone, ID and bank-card numbers in the text, address and result ({@link PersonalNumbers}).
 * It is its own type, not the REST view, so that an API change never changes the published
 * language (and the other way round). Times are ISO-8601 in Asia/Shanghai.
 */
public record TicketSnapshot(UUID id, String ticketNumber, String channel, String sourceId, TicketStatus status,
        TicketKind kind, Urgency urgency, String text, String address, Location location, Contact contact,
        JsonNode extras, String township, String townshipCode, String village, String villageCode, Ref unit,
        Ref catalogItem, String assignee, String routedBy, String responsible, boolean immediate, String result,
        String satisfaction, boolean supervised, int redoCount, String mergedInto, int extensionDays,
        List<JointHandling.Assistant> assistants, OffsetDateTime deadline, TimeLimits timeLimits,
        OffsetDateTime sourceTime, OffsetDateTime receivedAt, String receivedBy, int version) {

    /** A code with the name people read: the owning unit, the catalog item. */
    public record Ref(String code, String name) {

        public static Ref of(String code, String name) {
            return code == null ? null : new Ref(code, name);
        }
    }

    /** The deadlines of the ticket's stages, the card of the current one, and whether its clock waits. */
    public record TimeLimits(OffsetDateTime signFor, OffsetDateTime completion, OffsetDateTime feedback, Card card,
            OffsetDateTime yellowAt, boolean paused, boolean provisional) {
    }

    public TicketSnapshot {
        contact = contact == null ? Contact.NONE : contact.masked();
        // Numbers callers typed into their words leave masked too: events feed the index and the screens.
        text = PersonalNumbers.mask(text);
        address = PersonalNumbers.mask(address);
        result = PersonalNumbers.mask(result);
        assistants = assistants == null ? List.of() : List.copyOf(assistants);
    }

    /** Who may read the ticket: the same rule REST and search apply ({@link TicketScope#covers}). */
    public TicketScope.Reach reach() {
        return new TicketScope.Reach(unit == null ? null : unit.code(), townshipCode, villageCode,
                assistants.stream().map(JointHandling.Assistant::unitCode).toList());
    }
}
