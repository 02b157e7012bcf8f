package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketSnapshot;

import java.time.format.DateTimeFormatter;

/**
 * The messages of the command-center feeds: a ticket as the map and the queue draw it (no contact:
 * a screen on a wall shows nobody's name or number; a click reads the ticket over REST), and the
 * delta of one event. Their own mapper, so that the event schema and the screens change apart.
 */
final class ScreenMessages {

    /** What a queue row shows of the citizen's words; the ticket itself has them all. */
    static final int TEXT_SHOWN = 80;

    private final ObjectMapper json;

    ScreenMessages(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode ticket(TicketSnapshot t) {
        ObjectNode ticket = json.createObjectNode();
        LiveMessages.putState(ticket, t);
        ticket.put("version", t.version());
        String text = t.text() == null ? "" : t.text();
        ticket.put("text", text.length() > TEXT_SHOWN ? text.substring(0, TEXT_SHOWN) + "…" : text);
        ticket.put("address", t.address());
        ticket.put("township", t.township());
        ticket.put("townshipCode", t.townshipCode());
        ticket.put("village", t.village());
        ticket.put("villageCode", t.villageCode());
        ticket.put("unit", t.unit() == null ? null : t.unit().name());
        if (t.location() != null && t.location().latitude() != null && t.location().longitude() != null
                && t.location().precision() != LocationPrecision.NONE) {
            // The precision says what the point is: a village's centroid is drawn as an area, never as a spot on a road.
            ticket.putObject("location").put("latitude", t.location().latitude()).put("longitude", t.location().longitude())
                    .put("precision", t.location().precision().name());
        }
        ticket.put("card", t.timeLimits() == null ? "NONE" : t.timeLimits().card().name());
        ticket.put("deadline", t.deadline() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.deadline()));
        ticket.put("receivedAt", t.receivedAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.receivedAt()));
        ticket.put("supervised", t.supervised());
        ticket.put("mergedInto", t.mergedInto());
        return ticket;
    }

    /** The delta of one event, without its closing brace: each screen appends its own cursor. */
    String delta(TicketEvent event) {
        ObjectNode delta = json.createObjectNode();
        LiveMessages.putEvent(delta, event);
        ObjectNode ticket = ticket(event.ticket());
        // A kiosk press's answer is not a state of its own: the screen learns it from the event that says so.
        if ("KioskPressPickedUp".equals(event.type())) {
            ticket.put("pickedUp", true);
        } else if ("TicketReceived".equals(event.type())) {
            ticket.put("pickedUp", false);
        }
        delta.set("ticket", ticket);
        return withoutClosingBrace(delta);
    }

    /** A message's JSON without its closing brace, for {@link Screen} to add the cursor. */
    static String withoutClosingBrace(ObjectNode message) {
        String text = message.toString();
        return text.substring(0, text.length() - 1);
    }
}
