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

    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private static final Duration TEN_HOURS = Duration.ofHours(10);

    @Test
    void aCalendarLimitTurnsYellowAt80PercentAndAShortOneIsNotYellowAtOnce() {
        assertEquals(START.plus(Duration.ofHours(96)), SlaDeadlines.yellowInCalendarTime(START, START.plus(Duration.ofDays(5)),
                0.8, TWO_HOURS, TEN_HOURS), "80 % of 5 days");
        assertEquals(START.plus(Duration.ofMinutes(12)), SlaDeadlines.yellowInCalendarTime(START,
                START.plus(Duration.ofMinutes(15)), 0.8, TWO_HOURS, TEN_HOURS), "a 15-minute 特急 queue limit: after 12 minutes");
        assertEquals(START.plus(Duration.ofMinutes(144)), SlaDeadlines.yellowInCalendarTime(START,
                START.plus(Duration.ofHours(3)), 0.8, TWO_HOURS, TEN_HOURS), "a 3-hour limit is not yellow 2 hours before");
        assertEquals(START.plus(Duration.ofHours(22)), SlaDeadlines.yellowInCalendarTime(START, START.plus(Duration.ofHours(24)),
                0.95, TWO_HOURS, TEN_HOURS), "above 10 h, 2 h left comes first when it does");
    }

    @Test
    void aWorkingDayLimitAcrossNationalDayTurnsYellowAfter80PercentOfItsWorkingTime() {
        // Signed for Wed 30 Sep 10:00 with 2 working days: due Fri 9 Oct 17:30. Working time: 300 min on
        // 30 Sep, 390 on Thu 8 Oct, 390 on 9 Oct = 1080; 80 % = 864 min ends on 9 Oct at 11:24, not on a holiday.
        Instant start = local("2026-09-30T10:00");
        Instant due = CALENDAR.addWorkingDays(start, 2).at();
        assertEquals(local("2026-10-09T17:30"), due);
        assertEquals(local("2026-10-09T11:24"), SlaDeadlines.yellowInWorkingTime(CALENDAR, start, due, 0.8, TWO_HOURS,
                TEN_HOURS));
    }

    @Test
    void twoWorkingHoursAcrossALunchBreakTurnYellowAfter96WorkingMinutes() {
        // 一般 queue clock from Mon 23 Nov 11:00: 60 min before lunch, 60 after it from 14:30: due 15:30; 96 min: 15:06.
        Instant start = local("2026-11-23T11:00");
        Instant due = CALENDAR.addWorkingMinutes(start, 120).at();
        assertEquals(local("2026-11-23T15:30"), due);
        assertEquals(local("2026-11-23T15:06"), SlaDeadlines.yellowInWorkingTime(CALENDAR, start, due, 0.8, TWO_HOURS,
                TEN_HOURS));
    }

    @Test
    void theBannerNamesTheCurrentAndTheNextYearWhileTheirHolidaysAreMissing() {
        // CALENDAR holds 2026 only.
        assertEquals(null, CalendarAdminResource.banner(new WorkingCalendar(java.util.List.of(WorkingCalendarTest.year2026(),
                new CalendarYear(2027, "test", java.util.Set.of(), java.util.Set.of())), WorkingCalendar.DEFAULT_HOURS), 2026));
        String late2026 = CalendarAdminResource.banner(CALENDAR, 2026);
        assertEquals(true, late2026.startsWith("2027年") && late2026.contains("the 2027 holidays"), late2026);
        String early2027 = CalendarAdminResource.banner(CALENDAR, 2027);
        assertEquals(true, early2027.startsWith("2027、2028年") && early2027.contains("2027 and 2028"), early2027);
    }
}
