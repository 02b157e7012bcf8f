package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lastmile.ticket.event.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The live message has its own mapper: what a map and a queue show, not the event. */
class LiveMessagesTest {

    @Test
    void aScreenGetsWhatItShowsAndNothingElse() {
        ObjectNode message = new LiveMessages(new ObjectMapper().registerModule(new JavaTimeModule()))
                .of(Snapshots.dispatchedStreetLight());
        assertEquals(new TreeSet<>(Set.of("type", "eventId", "ticketNumber", "version", "occurredAt", "actor", "ticket")),
                names(message));
        assertEquals(new TreeSet<>(Set.of("ticketNumber", "status", "statusLabel", "kind", "kindLabel", "urgency", "channel",
                "text", "address", "township", "village", "unit", "catalogItem", "location", "contact", "card", "deadline",
                "supervised", "mergedInto")), names((ObjectNode) message.get("ticket")));
        assertEquals("TicketDispatched", message.path("type").asText());
        assertEquals("修山镇便民服务中心", message.path("ticket").path("unit").path("name").asText());
        assertEquals("139****1234", message.path("ticket").path("contact").path("phone").asText());
        assertEquals("2026-11-30T11:15:00+08:00", message.path("ticket").path("deadline").asText());
        assertFalse(message.toString().contains("13907371234"));
        assertFalse(message.has("change"), "the event's own fields stay in the event");
    }

    private static Set<String> names(ObjectNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
