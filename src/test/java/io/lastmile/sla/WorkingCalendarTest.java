package io.lastmile.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deadlines across the 2026 holidays and make-up days, working-hour boundaries and lunch breaks, in Asia/Shanghai. */
class WorkingCalendarTest {

    private static final WorkingCalendar CALENDAR = new WorkingCalendar(List.of(year2026()), WorkingCalendar.DEFAULT_HOURS);

    static CalendarYear year2026() {
        try (InputStream in = WorkingCalendarTest.class.getResourceAsStream("/sla/calendar-2026.json")) {
            return CalendarYears.read(new ObjectMapper().readTree(in));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    @Test
    void nationalDayHolidaysDoNotCountAndTheMakeUpSaturdayDoes() {
        assertEquals(local("2026-10-08T17:30"), CALENDAR.addWorkingDays(local("2026-09-30T10:00"), 1).at(),
                "Wed 30 Sep + 1: 1–7 Oct are off, Thu 8 Oct is the first working day");
        assertEquals(local("2026-10-10T17:30"), CALENDAR.addWorkingDays(local("2026-10-08T09:00"), 2).at(),
                "Fri 9 Oct, then Sat 10 Oct, a make-up working day");
        assertEquals(local("2026-09-21T17:30"), CALENDAR.addWorkingDays(local("2026-09-18T16:00"), 2).at(),
                "Sun 20 Sep works before National Day: Fri 18 → Sun 20, Mon 21");
    }

    @Test
    void springFestivalIsOffAndItsTwoMakeUpSaturdaysWork() {
        assertEquals(local("2026-02-14T17:30"), CALENDAR.addWorkingDays(local("2026-02-13T15:00"), 1).at(),
                "Sat 14 Feb is a make-up working day");
        assertEquals(local("2026-02-24T17:30"), CALENDAR.addWorkingDays(local("2026-02-14T11:00"), 1).at(),
                "15–23 Feb are off");
        assertEquals(local("2026-02-28T17:30"), CALENDAR.addWorkingDays(local("2026-02-24T09:00"), 4).at(),
                "Wed 25, Thu 26, Fri 27, then Sat 28 Feb works");
    }

    @Test
    void theDayOfTheStartNeverCountsEvenEarlyInTheMorning() {
        assertEquals(local("2026-11-24T17:30"), CALENDAR.addWorkingDays(local("2026-11-23T00:01"), 1).at());
        assertEquals(local("2026-01-04T17:30"), CALENDAR.addWorkingDays(local("2026-01-03T12:00"), 1).at(),
                "New Year's Sunday 4 Jan is a working day");
    }

    @Test
    void workingHoursSkipLunchNightsAndWeekends() {
        assertEquals(local("2026-11-23T15:30"), CALENDAR.addWorkingMinutes(local("2026-11-23T11:00"), 120).at(),
                "an hour before lunch, an hour after 14:30");
        assertEquals(local("2026-11-24T09:00"), CALENDAR.addWorkingMinutes(local("2026-11-23T17:00"), 60).at());
        assertEquals(local("2026-11-30T09:00"), CALENDAR.addWorkingMinutes(local("2026-11-27T17:00"), 60).at(),
                "Friday evening to Monday morning");
        assertEquals(local("2026-11-23T15:00"), CALENDAR.addWorkingMinutes(local("2026-11-23T12:30"), 30).at(),
                "a start in the lunch break counts from 14:30");
        assertEquals(local("2026-11-23T12:00"), CALENDAR.addWorkingMinutes(local("2026-11-23T11:00"), 60).at(),
                "ends exactly at the break");
        assertEquals(local("2026-10-08T09:00"), CALENDAR.addWorkingMinutes(local("2026-09-30T17:00"), 60).at(),
                "30 minutes on 30 Sep, 30 more on 8 Oct after the National Day holidays");
    }

    @Test
    void workingMinutesBetweenCountOnlyWorkingTime() {
        assertEquals(390, CALENDAR.workingMinutesBetween(local("2026-11-23T08:00"), local("2026-11-23T18:00")));
        assertEquals(60, CALENDAR.workingMinutesBetween(local("2026-11-23T11:30"), local("2026-11-23T15:00")));
        assertEquals(0, CALENDAR.workingMinutesBetween(local("2026-10-01T09:00"), local("2026-10-07T17:00")));
        assertEquals(390 + 30, CALENDAR.workingMinutesBetween(local("2026-11-27T08:30"), local("2026-11-30T09:00")));
        assertEquals(0, CALENDAR.workingMinutesBetween(local("2026-11-27T10:00"), local("2026-11-27T09:00")));
    }

    @Test
    void aDeadlineInAYearWithoutDataCountsWeekdaysAndIsProvisional() {
        WorkingCalendar.Deadline deadline = CALENDAR.addWorkingDays(local("2026-12-31T10:00"), 1);
        assertTrue(deadline.provisional());
        assertEquals(local("2027-01-01T17:30"), deadline.at(), "without the 2027 notice, Friday 1 Jan counts");
        assertFalse(CALENDAR.addWorkingDays(local("2026-12-29T10:00"), 1).provisional());
        assertTrue(CALENDAR.addWorkingMinutes(local("2026-12-31T17:00"), 60).provisional());
    }

    @Test
    void badCalendarDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CalendarYear(2026, "", java.util.Set.of(),
                java.util.Set.of(java.time.LocalDate.parse("2026-11-23"))), "a Monday cannot be a make-up day");
        assertThrows(IllegalArgumentException.class, () -> new CalendarYear(2026, "",
                java.util.Set.of(java.time.LocalDate.parse("2027-01-01")), java.util.Set.of()));
    }
}
