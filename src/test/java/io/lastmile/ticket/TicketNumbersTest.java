package io.lastmile.ticket;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketNumbersTest {

    @Test
    void numberIsCountyDayAndSixDigitSequence() {
        assertEquals("430922-20261123-000042", TicketNumbers.format("430922", LocalDate.of(2026, 11, 23), 42));
    }

    @Test
    void dayIsTheCountysDayNotUtcs() {
        assertEquals(LocalDate.of(2026, 11, 24), TicketNumbers.dayOf(Instant.parse("2026-11-23T16:00:00Z")));
        assertEquals(LocalDate.of(2026, 11, 23), TicketNumbers.dayOf(Instant.parse("2026-11-23T15:59:59Z")));
    }

    @Test
    void numbersSortByDayThenSequence() {
        String lateSequenceEarlyDay = TicketNumbers.format("430922", LocalDate.of(2026, 11, 23), 999_999);
        String firstOfNextDay = TicketNumbers.format("430922", LocalDate.of(2026, 11, 24), 1);
        String second = TicketNumbers.format("430922", LocalDate.of(2026, 11, 24), 2);
        assertTrue(lateSequenceEarlyDay.compareTo(firstOfNextDay) < 0);
        assertTrue(firstOfNextDay.compareTo(second) < 0);
    }
}
