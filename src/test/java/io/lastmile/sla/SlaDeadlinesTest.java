package io.lastmile.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlaDeadlinesTest {

    private static final WorkingCalendar CALENDAR = new WorkingCalendar(java.util.List.of(WorkingCalendarTest.year2026()),
            WorkingCalendar.DEFAULT_HOURS);

    private static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    @Test
    void aPauseAcrossNationalDayGivesBackOnlyTheWorkingTimeItTook() {
        // 补办 from Wed 30 Sep 10:00 to Thu 8 Oct 10:00: 2 h + 3 h on 30 Sep, 1.5 h on 8 Oct = 390 working minutes.
        Instant deadline = local("2026-10-09T17:30");
        Instant moved = SlaDeadlines.shifted(CALENDAR, deadline, local("2026-09-30T10:00"), local("2026-10-08T10:00")).at();
        assertEquals(local("2026-10-10T17:30"), moved, "one working day later: Sat 10 Oct is a make-up working day");
    }

    @Test
    void aPauseOutsideWorkingHoursMovesNothing() {
        Instant deadline = local("2026-11-25T17:30");
        assertEquals(deadline, SlaDeadlines.shifted(CALENDAR, deadline, local("2026-11-23T18:00"), local("2026-11-24T08:00")).at());
    }

    @Test
    void aPauseOverLunchCountsOnlyTheAfternoonPart() {
        Instant deadline = local("2026-11-25T10:00");
        // Paused 11:30–15:00 on Monday: 30 min before lunch + 30 min after = 60 working minutes.
        assertEquals(local("2026-11-25T11:00"),
                SlaDeadlines.shifted(CALENDAR, deadline, local("2026-11-23T11:30"), local("2026-11-23T15:00")).at());
    }

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void yellowComesWhenTheShareIsUsedOrWhenOnlyTheTimeLeftRemainsWhicheverIsFirst() {
        Instant fiveDaysLater = START.plus(Duration.ofDays(5));
        assertEquals(START.plus(Duration.ofHours(96)), SlaDeadlines.yellowAt(START, fiveDaysLater, 0.8, Duration.ofHours(2)),
                "80 % of 5 days comes before the last 2 hours");
        Instant anHourLater = START.plus(Duration.ofHours(1));
        assertEquals(START, SlaDeadlines.yellowAt(START, anHourLater, 0.8, Duration.ofHours(2)),
                "less time than the warning: yellow at once, never before the start");
        Instant threeHoursLater = START.plus(Duration.ofHours(3));
        assertEquals(START.plus(Duration.ofHours(1)), SlaDeadlines.yellowAt(START, threeHoursLater, 0.8, Duration.ofHours(2)),
                "2 hours before the deadline comes before 80 %");
    }
}
