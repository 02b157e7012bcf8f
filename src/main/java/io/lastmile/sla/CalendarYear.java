package io.lastmile.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One year of the official working calendar: the public holidays (days off, weekdays among them)
 * and the make-up working days (调休: weekend days that ARE working days), as the State Council's
 * notice for the year lists them.
 *
 * @param year     the calendar year
 * @param source   the notice it was taken from
 * @param holidays days off that would otherwise be working days (and the weekend days of a holiday)
 * @param workdays weekend days that are working days
 */
public record CalendarYear(int year, String source, Set<LocalDate> holidays, Set<LocalDate> workdays) {

    public CalendarYear {
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
        for (LocalDate day : holidays) {
            if (day.getYear() != year) {
                throw new IllegalArgumentException("holidays: " + day + " is not in " + year);
            }
            if (workdays.contains(day)) {
                throw new IllegalArgumentException(day + " cannot be both a holiday and a working day");
            }
        }
        for (LocalDate day : workdays) {
            if (day.getYear() != year) {
                throw new IllegalArgumentException("workdays: " + day + " is not in " + year);
            }
            if (!isWeekend(day)) {
                throw new IllegalArgumentException("workdays: " + day + " is a " + day.getDayOfWeek()
                        + "; only weekend days can be make-up working days (调休)");
            }
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        return !isWeekend(day) && !holidays.contains(day);
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Sorted, for documents and screens. */
    public List<LocalDate> sortedHolidays() {
        return holidays.stream().sorted().toList();
    }

    public List<LocalDate> sortedWorkdays() {
        return workdays.stream().sorted().toList();
    }
}
