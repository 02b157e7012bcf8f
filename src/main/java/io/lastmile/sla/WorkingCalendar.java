package io.lastmile.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official working calendar in Asia/Shanghai: weekends, public holidays and make-up working
 * days (调休) per year, and the working hours of a working day (default 08:30–12:00 and
 * 14:30–17:30). Immutable; a new one replaces it when an admin loads a year.
 *
 * <p>Periods follow the convention of Chinese law: the day of the start never counts; N working
 * days end at the end of the Nth working day after it (its last working minute); N working hours
 * count working-hour minutes only. A computation that reaches a year without data counts weekdays
 * only and says so ({@link Deadline#provisional()}).
 */
public final class WorkingCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A span of working time within a day, e.g. 08:30–12:00. */
    public record Period(LocalTime start, LocalTime end) {

        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("a working period must end after it starts: " + start + "–" + end);
            }
        }

        long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    /** A computed deadline; provisional when a year on the way has no calendar data yet. */
    public record Deadline(Instant at, boolean provisional) {
    }

    public static final List<Period> DEFAULT_HOURS = List.of(
            new Period(LocalTime.of(8, 30), LocalTime.of(12, 0)),
            new Period(LocalTime.of(14, 30), LocalTime.of(17, 30)));

    private static final int MAX_DAYS_SEARCHED = 3 * 366;

    private final Map<Integer, CalendarYear> years;
    private final List<Period> hours;

    public WorkingCalendar(List<CalendarYear> years, List<Period> hours) {
        TreeMap<Integer, CalendarYear> byYear = new TreeMap<>();
        years.forEach(y -> byYear.put(y.year(), y));
        this.years = Map.copyOf(byYear);
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("at least one working period is required");
        }
        for (int i = 1; i < hours.size(); i++) {
            if (hours.get(i).start().isBefore(hours.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods must be in order and not overlap");
            }
        }
        this.hours = List.copyOf(hours);
    }

    public boolean hasYear(int year) {
        return years.containsKey(year);
    }

    public List<Integer> years() {
        return years.keySet().stream().sorted().toList();
    }

    public List<Period> hours() {
        return hours;
    }

    /** A working day by the year's data, or, for a year without data, any weekday. */
    public boolean isWorkingDay(LocalDate day) {
        CalendarYear year = years.get(day.getYear());
        return year == null ? !CalendarYear.isWeekend(day) : year.isWorkingDay(day);
    }

    /** The end of the {@code days}-th working day after the day of {@code from} (which never counts). */
    public Deadline addWorkingDays(Instant from, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("working days must be at least 1");
        }
        LocalDate day = from.atZone(ZONE).toLocalDate();
        boolean provisional = false;
        int counted = 0;
        for (int searched = 0; counted < days; searched++) {
            if (searched > MAX_DAYS_SEARCHED) {
                throw new IllegalStateException("no working day found within three years of " + day);
            }
            day = day.plusDays(1);
            provisional |= !hasYear(day.getYear());
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return new Deadline(ZonedDateTime.of(day, hours.get(hours.size() - 1).end(), ZONE).toInstant(), provisional);
    }

    /** {@code from} plus {@code amount} working-hour minutes: nights, lunch breaks and days off do not count. */
    public Deadline addWorkingMinutes(Instant from, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative");
        }
        ZonedDateTime cursor = from.atZone(ZONE);
        LocalDate day = cursor.toLocalDate();
        LocalTime time = cursor.toLocalTime();
        boolean provisional = !hasYear(day.getYear());
        long left = minutes;
        for (int searched = 0; ; searched++) {
            if (searched > MAX_DAYS_SEARCHED) {
                throw new IllegalStateException("no working time found within three years of " + from);
            }
            if (isWorkingDay(day)) {
                for (Period period : hours) {
                    if (!time.isBefore(period.end())) {
                        continue;
                    }
                    LocalTime start = time.isAfter(period.start()) ? time : period.start();
                    long available = Duration.between(start, period.end()).toMinutes();
                    if (left <= available && (left > 0 || minutes == 0)) {
                        return new Deadline(ZonedDateTime.of(day, start.plusMinutes(left), ZONE).toInstant(), provisional);
                    }
                    left -= available;
                }
            }
            day = day.plusDays(1);
            time = LocalTime.MIN;
            provisional |= !hasYear(day.getYear());
        }
    }

    /** The working-hour minutes between two instants (0 when {@code to} is not after {@code from}). */
    public long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        ZonedDateTime start = from.atZone(ZONE);
        ZonedDateTime end = to.atZone(ZONE);
        long total = 0;
        for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period period : hours) {
                LocalTime a = day.equals(start.toLocalDate()) && start.toLocalTime().isAfter(period.start())
                        ? start.toLocalTime() : period.start();
                LocalTime b = day.equals(end.toLocalDate()) && end.toLocalTime().isBefore(period.end())
                        ? end.toLocalTime() : period.end();
                if (a.isBefore(b)) {
                    total += Duration.between(a, b).toMinutes();
                }
            }
        }
        return total;
    }

    /** The working minutes of one full working day (390 with the default hours: 3.5 h before lunch, 3 h after). */
    public long minutesPerWorkingDay() {
        return hours.stream().mapToLong(Period::minutes).sum();
    }
}
