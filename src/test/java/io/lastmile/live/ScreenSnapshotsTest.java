package io.lastmile.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lastmile.ticket.TicketQueries.OnScreen;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.event.Snapshots;
import io.lastmile.ticket.event.TicketSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenSnapshotsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** The street light of the event fixtures, with another number, place, time, kind or status. */
    private static OnScreen ticket(int n, String villageCode, String village, String kind, String status, String mergedInto) {
        ObjectNode t = JSON.valueToTree(Snapshots.dispatchedStreetLight().ticket());
        t.put("id", "00000000-0000-0000-0000-" + String.format("%012d", n));
        t.put("ticketNumber", "430922-20261130-" + String.format("%06d", n));
        t.put("villageCode", villageCode).put("village", village).put("kind", kind).put("status", status);
        t.put("receivedAt", "2026-11-30T09:%02d:00+08:00".formatted(n));
        t.put("mergedInto", mergedInto);
        try {
            return new OnScreen(JSON.treeToValue(t, TicketSnapshot.class), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<OnScreen> county() {
        List<OnScreen> tickets = new ArrayList<>();
        tickets.add(ticket(1, "430922104201", "花桥港村", "COMPLAINT", "DISPATCHED", null));
        tickets.add(ticket(2, "430922104201", "花桥港村", "KIOSK_RED", "DISPATCHED", null));
        tickets.add(ticket(3, "430922104202", "修山村", "COMPLAINT", "RECEIVED", null));
        tickets.add(ticket(4, "430922104202", "修山村", "COMPLAINT", "SIGNED_FOR", null));
        tickets.add(ticket(5, "430922104203", "兴坪村", "COMPLAINT", "RECEIVED", null));
        tickets.add(ticket(6, "430922104203", "兴坪村", "COMPLAINT", "MERGED", "430922-20261130-000005"));
        return tickets;
    }

    private static ObjectNode snapshot(int ticketLimit, int queueHead) {
        ObjectNode message = JSON.createObjectNode();
        new ScreenSnapshots(null, null, JSON, Clock.systemUTC(), ticketLimit, queueHead).fill(message, county(), TicketScope.EVERYTHING);
        return message;
    }

    private static List<String> numbers(JsonNode tickets) {
        List<String> numbers = new ArrayList<>();
        tickets.forEach(t -> numbers.add(t.path("ticketNumber").asText().substring(16)));
        return numbers;
    }

    @Test
    void aSmallCountyGetsEveryOpenTicketInQueueOrderAndEachIncidentsCallers() {
        ObjectNode message = snapshot(2000, 300);
        assertFalse(message.path("aggregated").asBoolean());
        assertEquals(5, message.path("openTickets").asInt());
        // The unanswered RED kiosk press first, then the newest.
        assertEquals(List.of("000002", "000005", "000004", "000003", "000001"), numbers(message.path("tickets")));
        assertEquals("430922-20261130-000005", message.path("merged").get(0).path("mergedInto").asText());
        assertFalse(message.has("villages"));
    }

    @Test
    void beyondTheLimitTheMapIsCountedPerVillageAndOnlyTheHeadOfTheQueueComes() {
        ObjectNode message = snapshot(3, 2);
        assertTrue(message.path("aggregated").asBoolean());
        assertEquals(5, message.path("openTickets").asInt());
        assertEquals(List.of("000002", "000005"), numbers(message.path("tickets")));
        Set<String> villages = new java.util.TreeSet<>();
        message.path("villages").forEach(v -> villages.add(v.path("name").asText() + "=" + v.path("count").asInt()));
        assertEquals(Set.of("修山镇花桥港村=2", "修山镇修山村=2", "修山镇兴坪村=1"), villages);
    }

    @Test
    void aUnitsSnapshotHoldsOnlyItsOwnTickets() {
        ObjectNode message = JSON.createObjectNode();
        new ScreenSnapshots(null, null, JSON, Clock.systemUTC(), 2000, 300)
                .fill(message, county(), TicketScope.of(Set.of("430922103-BMFW"), "430922103"));
        assertEquals(0, message.path("openTickets").asInt(), "武潭镇 reaches none of 修山镇's tickets");
    }
}
