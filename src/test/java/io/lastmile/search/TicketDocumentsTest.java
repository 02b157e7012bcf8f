package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lastmile.ticket.event.Snapshots;
import io.lastmile.ticket.event.TicketEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The search document has its own mapper: exactly the index mapping's fields, from the event's snapshot. */
class TicketDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private static SearchConfig withPhoneKey(String key) {
        return new SearchConfig() {
            public Optional<String> phoneKey() {
                return Optional.of(key);
            }

            public String reconcileInterval() {
                return "off";
            }

            public String reconcileDelay() {
                return "1m";
            }

            public int reconcilePageSize() {
                return 100;
            }

            public Reindex reindex() {
                return null;
            }
        };
    }

    @Test
    void theDocumentHasExactlyTheMappedFieldsWithTheContactMaskedAndWhoMayReadIt() throws Exception {
        TicketEvent event = Snapshots.dispatchedStreetLight();
        ObjectNode doc = new TicketDocuments(JSON, new PhoneKeys(withPhoneKey("k"))).document(event.ticket(),
                event.type(), Instant.parse("2026-11-30T01:15:00Z"));

        JsonNode mapping = JSON.readTree(TicketSearchIndex.MAPPINGS).path("properties");
        Set<String> mapped = new TreeSet<>();
        mapping.fieldNames().forEachRemaining(mapped::add);
        Set<String> written = new TreeSet<>();
        doc.fieldNames().forEachRemaining(written::add);
        assertEquals(mapped, written, "the strict mapping refuses any other field; a missing one is lost");

        assertEquals("张**", doc.path("contactName").asText(), "the name masked to its family name");
        assertEquals("139****1234", doc.path("contactPhone").asText());
        assertFalse(doc.toString().contains("13907371234"));
        assertEquals("[\"430922-CGJ\"]", doc.path("assistingUnits").toString());
        assertEquals("2026-11-30T11:15:00+08:00", doc.path("deadline").asText());
        assertEquals("投诉", doc.path("kindLabel").asText());
        assertEquals("派遣", doc.path("statusLabel").asText());
        assertEquals(28.6, doc.path("point").path("lat").asDouble());
        assertEquals("TicketDispatched", doc.path("lastEventType").asText());
    }
}
