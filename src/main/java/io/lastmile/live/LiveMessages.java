package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketSnapshot;

import java.time.format.DateTimeFormatter;

/**
 * The live message a screen receives for one event: the screens' own view of a ticket, field by
 * field, from the event (not the event itself), so that the event schema and the screens change
 * apart. What a map and a queue show: where, who owns it, its state, card and deadline, and the
 * contact masked.
 */
final class LiveMessages {

    private final ObjectMapper json;

    LiveMessages(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode of(TicketEvent event) {
        ObjectNode message = json.createObjectNode();
        putEvent(message, event);
        message.put("eventId", event.eventId().toString());
        message.put("actor", event.actor());
        TicketSnapshot t = event.ticket();
        ObjectNode ticket = message.putObject("ticket");
        putState(ticket, t);
        ticket.put("text", t.text());
        ticket.put("address", t.address());
        ticket.put("township", t.township());
        ticket.put("village", t.village());
        if (t.unit() != null) {
            ticket.putObject("unit").put("code", t.unit().code()).put("name", t.unit().name());
        }
        if (t.catalogItem() != null) {
            ticket.putObject("catalogItem").put("code", t.catalogItem().code()).put("name", t.catalogItem().name());
        }
        if (t.location() != null && t.location().latitude() != null && t.location().longitude() != null) {
            ticket.putObject("location").put("latitude", t.location().latitude()).put("longitude", t.location().longitude())
                    .put("precision", t.location().precision().name());
        }
        ticket.putObject("contact").put("name", t.contact().name()).put("phone", t.contact().phone())
                .put("anonymous", t.contact().anonymous());
        ticket.put("card", t.timeLimits().card().name());
        ticket.put("deadline", t.deadline() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.deadline()));
        ticket.put("supervised", t.supervised());
        ticket.put("mergedInto", t.mergedInto());
        return message;
    }

    /** What every live message says of its event: the type, the ticket, its version and when. */
    static void putEvent(ObjectNode message, TicketEvent event) {
        message.put("type", event.type());
        message.put("ticketNumber", event.ticketNumber());
        message.put("version", event.version());
        message.put("occurredAt", event.occurredAt().toString());
    }

    /** What every live view shows of a ticket's state: number, status, kind, urgency and channel, with the words people read. */
    static void putState(ObjectNode ticket, TicketSnapshot t) {
        ticket.put("ticketNumber", t.ticketNumber());
        ticket.put("status", t.status().name());
        ticket.put("statusLabel", t.status().label());
        ticket.put("kind", t.kind().name());
        ticket.put("kindLabel", t.kind().label());
        ticket.put("urgency", t.urgency().name());
        ticket.put("channel", t.channel());
    }
}
