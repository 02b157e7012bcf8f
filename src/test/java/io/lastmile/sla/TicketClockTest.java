package io.lastmile.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TicketClockTest {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void yellowComesWhenTheShareIsUsedOrWhenOnlyTheTimeLeftRemainsWhicheverIsFirst() {
        Instant fiveDaysLater = START.plus(Duration.ofDays(5));
        assertEquals(START.plus(Duration.ofHours(96)), TicketClock.yellowAt(START, fiveDaysLater, 0.8, Duration.ofHours(2)),
                "80 % of 5 days comes before the last 2 hours");
        Instant anHourLater = START.plus(Duration.ofHours(1));
        assertEquals(START, TicketClock.yellowAt(START, anHourLater, 0.8, Duration.ofHours(2)),
                "less time than the warning: yellow at once, never before the start");
        Instant threeHoursLater = START.plus(Duration.ofHours(3));
        assertEquals(START.plus(Duration.ofHours(1)), TicketClock.yellowAt(START, threeHoursLater, 0.8, Duration.ofHours(2)),
                "2 hours before the deadline comes before 80 %");
    }
}
