package io.lastmile.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The REST view has its own mapper ({@link TicketView#of}): its fields are the API's, with the
 * labels people read and the reader's allowed steps; the event snapshot and the search document
 * are pinned by their own tests.
 */
class TicketViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void theRestViewCarriesLabelsAndTheReadersStepsButNoEventFields() {
        Ticket t = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        TicketView view = TicketView.of(t).withAllowedSteps(t.allowedSteps(ModelFixtures.official(ModelFixtures.XIUSHAN),
                ModelFixtures.OWNERS, ModelFixtures.NOW));
        JsonNode json = JSON.valueToTree(view);
        Set<String> fields = new TreeSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(Set.of("id", "ticketNumber", "channel", "sourceId", "status", "statusLabel", "kind",
                "kindLabel", "urgency", "text", "address", "location", "contact", "extras", "township", "townshipCode",
                "village", "villageCode", "unit", "catalogItem", "assignee", "routedBy", "responsible", "immediate", "result",
                "satisfaction", "supervised", "redoCount", "mergedInto", "extensionDays", "assistants", "deadline",
                "timeLimits", "sourceTime", "receivedAt", "receivedBy", "version", "linkedTo", "allowedSteps")), fields);
        assertEquals("派遣", json.path("statusLabel").asText());
        assertEquals("[\"ESCALATE\",\"PICK_UP\",\"RETURN\",\"SIGN_FOR\"]", json.path("allowedSteps").toString());
        JsonNode withoutReader = JSON.valueToTree(TicketView.of(t));
        assertEquals(false, withoutReader.has("allowedSteps"), "a view for nobody in particular offers no steps");
    }
}
