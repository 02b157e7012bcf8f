package io.lastmile.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.TicketKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage clocks in an uploaded catalog are checked strictly, and a refusal names the field and what is wrong with it. */
class CatalogClocksCheckTest {

    private static String refusal(ObjectNode catalog) {
        return assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), catalog, BundledRouting.document("organization.json")))
                .getMessage();
    }

    private static ObjectNode catalog() {
        return (ObjectNode) BundledRouting.document("catalog.json");
    }

    private static ObjectNode clock(ObjectNode catalog, int channelClock, String stage) {
        return (ObjectNode) catalog.withArray("channelClocks").get(channelClock).path(stage);
    }

    private static ObjectNode waterClocks(ObjectNode catalog) {
        for (JsonNode item : catalog.withArray("items")) {
            if (item.path("code").asText().equals("NL-001")) {
                return (ObjectNode) item.path("clocks");
            }
        }
        throw new IllegalStateException("no NL-001");
    }

    @Test
    void theBundledCatalogCarriesThe12315RulesAndTheWaterOutagesEmergencyClocks() {
        Catalog catalog = BundledRouting.snapshot().catalog();
        ChannelClock complaint = catalog.channelClock("12315", TicketKind.COMPLAINT).orElseThrow();
        assertEquals(new StageClock(7, "working-days", "receipt"), complaint.signFor());
        assertEquals(new StageClock(45, "working-days", null), complaint.completion());
        assertEquals(new StageClock(15, "working-days", "receipt"),
                catalog.channelClock("12315", TicketKind.REPORT).orElseThrow().completion());
        assertTrue(catalog.channelClock("12345", TicketKind.COMPLAINT).isEmpty());
        assertTrue(catalog.channelClock("12315", TicketKind.CONSULTATION).isEmpty());
        assertEquals(new StageClock(1, "calendar-hours", null),
                catalog.byCode("NL-001").orElseThrow().clocks().signFor());
    }

    @Test
    void anUnknownCountingIsRefusedNamingTheClock() {
        ObjectNode catalog = catalog();
        ((ObjectNode) waterClocks(catalog).path("signFor")).put("counting", "fortnights");
        assertTrue(refusal(catalog).contains("items.NL-001.clocks.signFor.counting: must be one of working-days,"
                + " working-hours, calendar-hours, calendar-minutes (not 'fortnights')"), refusal(catalog));
    }

    @Test
    void aNegativeZeroOrFractionalLimitIsRefused() {
        ObjectNode negative = catalog();
        clock(negative, 0, "completion").put("limit", -3);
        assertTrue(refusal(negative).contains(
                "channelClocks[0].completion.limit: must be a whole number from 1 to 250 working-days (not -3)"),
                refusal(negative));
        ObjectNode zero = catalog();
        ((ObjectNode) waterClocks(zero).path("queue")).put("limit", 0);
        assertTrue(refusal(zero).contains(
                "items.NL-001.clocks.queue.limit: must be a whole number from 1 to 527040 calendar-minutes (not 0)"),
                refusal(zero));
        ObjectNode fractional = catalog();
        clock(fractional, 1, "completion").put("limit", 7.5);
        assertTrue(refusal(fractional).contains("channelClocks[1].completion.limit: must be a whole number (not 7.5)"),
                refusal(fractional));
        ObjectNode missing = catalog();
        clock(missing, 0, "signFor").remove("limit");
        assertTrue(refusal(missing).contains("channelClocks[0].signFor.limit: is missing"), refusal(missing));
    }

    @Test
    void anUnknownChannelOrKindIsRefusedWithTheKnownOnes() {
        ObjectNode catalog = catalog();
        ((ObjectNode) catalog.withArray("channelClocks").get(0)).put("channel", "12316");
        ((ObjectNode) catalog.withArray("channelClocks").get(1)).put("kind", "RUMOUR");
        String refusal = refusal(catalog);
        assertTrue(refusal.contains("channelClocks[0].channel: unknown channel '12316'; one of 12345, 12315, 12369, urban,"
                + " kiosk, grid"), refusal);
        assertTrue(refusal.contains("channelClocks[1].kind: unknown kind 'RUMOUR'; one of CONSULTATION"), refusal);
    }

    @Test
    void aStartOtherThanReceiptAStartOnTheQueueAndAStagelessClockAreRefused() {
        ObjectNode catalog = catalog();
        clock(catalog, 0, "completion").put("from", "acceptance");
        ((ObjectNode) waterClocks(catalog).path("queue")).put("from", "receipt");
        ((ObjectNode) catalog.withArray("channelClocks").get(1)).remove("completion");
        String refusal = refusal(catalog);
        assertTrue(refusal.contains("channelClocks[0].completion.from: must be 'receipt' or absent for the stage's own"
                + " start (not 'acceptance')"), refusal);
        assertTrue(refusal.contains("items.NL-001.clocks.queue.from: the queue clock starts at receipt or a return"
                + " already"), refusal);
        assertTrue(refusal.contains("channelClocks[1]: names no stage"), refusal);
    }

    @Test
    void aMisspeltStageOrFieldAndATwiceSetChannelAndKindAreRefused() {
        ObjectNode catalog = catalog();
        ObjectNode water = waterClocks(catalog);
        water.set("signfor", water.remove("signFor"));
        clock(catalog, 0, "signFor").set("limt", clock(catalog, 0, "signFor").remove("limit"));
        String refusal = refusal(catalog);
        assertTrue(refusal.contains("items.NL-001.clocks: unknown field 'signfor' (known: basis, completion, queue,"
                + " signFor)"), refusal);
        assertTrue(refusal.contains("channelClocks[0].signFor: unknown field 'limt' (known: counting, from, limit)"), refusal);

        ObjectNode twice = catalog();
        twice.withArray("channelClocks").add(twice.withArray("channelClocks").get(1).deepCopy());
        assertTrue(refusal(twice).contains("channelClocks[2]: 12315 REPORT appears twice"), refusal(twice));
    }

    @Test
    void aCatalogWithoutChannelClocksIsStillValid() {
        ObjectNode catalog = catalog();
        catalog.remove("channelClocks");
        assertEquals(List.of(), new RoutingSnapshot(BundledRouting.document("jurisdictions.geojson"), catalog,
                BundledRouting.document("organization.json")).catalog().channelClocks());
    }
}
