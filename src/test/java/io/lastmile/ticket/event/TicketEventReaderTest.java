package io.lastmile.ticket.event;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header filter the consumers that want one type use before parsing a record of ticket-events. */
class TicketEventReaderTest {

    @Test
    void aRecordIsSkippedOnlyWhenItsHeaderNamesAnotherType() {
        assertTrue(TicketEventReader.mayBe(headers("TicketReceived"), TicketChange.TicketReceived.class));
        assertFalse(TicketEventReader.mayBe(headers("TicketDispatched"), TicketChange.TicketReceived.class));
        assertFalse(TicketEventReader.mayBe(headers("YellowCardRaised"), TicketChange.TicketReceived.class));
        // Without the header (a record from before the relay set it, a hand-made one), the body decides.
        assertTrue(TicketEventReader.mayBe(new RecordHeaders(), TicketChange.TicketReceived.class));
        assertTrue(TicketEventReader.mayBe(null, TicketChange.TicketReceived.class));
    }

    private static RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
