package io.lastmile.sla;

import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Deadlines;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time limits as the ticket model asks for them: queue and sign-for limits by urgency, a
 * matter's promised limit counted by its clock policy, the citizen-feedback limit, and the working
 * calendar for extensions and pauses. When a clock starts, pauses or stops is the ticket's
 * decision; what a limit comes to on the calendar, and when its yellow card falls due, is decided
 * here. Every deadline counted across a year without calendar data is counted in
 * {@code lastmile_deadlines_provisional_total}.
 *
 * <p>Yellow: when 80 % of the limit's time is used, counted as the limit is counted (working
 * minutes for working-day and working-hour limits, so nights, lunch breaks and National Day do not
 * turn a card yellow), or when 2 h are left, whichever comes first; the 2 h rule only for limits
 * longer than 10 h, so a short limit is not yellow at once.
 */
@ApplicationScoped
public class SlaDeadlines implements Deadlines {

    private final CalendarService calendars;
    private final SlaConfig config;
    private final RoutingService routing;

    public SlaDeadlines(CalendarService calendars, SlaConfig config, RoutingService routing) {
        this.calendars = calendars;
        this.config = config;
        this.routing = routing;
    }

    @Override
    public Deadline queue(Urgency urgency, Instant from) {
        return switch (urgency) {
            case CRITICAL -> calendarTime(from, config.queueCritical());
            case URGENT -> calendarTime(from, config.queueUrgent());
            case NORMAL -> workingTime(from, calendars.calendar().addWorkingMinutes(from,
                    config.queueNormalWorkingTime().toMinutes()));
        };
    }

    @Override
    public Deadline signFor(Urgency urgency, Instant from) {
        return calendarTime(from, switch (urgency) {
            case CRITICAL -> config.signForCritical();
            case URGENT -> config.signForUrgent();
            case NORMAL -> config.signForNormal();
        });
    }

    @Override
    public boolean completionStartsAtDispatch() {
        return "dispatch".equals(config.completionClockStarts());
    }

    /** The catalog item's promised limit by its clock policy; the default limit for an unclassified ticket. */
    @Override
    public Deadline completion(String catalogCode, Instant start) {
        WorkingCalendar calendar = calendars.calendar();
        Optional<CatalogItem> item = catalogCode == null ? Optional.empty() : routing.snapshot().catalog().byCode(catalogCode);
        if (item.isEmpty()) {
            return workingTime(start, calendar.addWorkingDays(start, config.defaultCompletionWorkingDays()));
        }
        int days = item.get().promisedLimitDays();
        return switch (item.get().clockPolicy()) {
            case "calendar-hours" -> calendarTime(start, Duration.ofHours(24L * days));
            case "working-hours" -> workingTime(start, calendar.addWorkingMinutes(start, days * calendar.minutesPerWorkingDay()));
            default -> workingTime(start, calendar.addWorkingDays(start, days));
        };
    }

    @Override
    public Deadline feedback(Instant closedAt) {
        return workingTime(closedAt, calendars.calendar().addWorkingDays(closedAt, config.feedbackWorkingDays()));
    }

    @Override
    public Deadline afterWorkingDays(Instant from, int days) {
        return workingTime(from, calendars.calendar().addWorkingDays(from, days));
    }

    @Override
    public Deadline shiftedByPause(Instant moment, Instant pausedAt, Instant resumedAt) {
        WorkingCalendar.Deadline shifted = calendars.counted(shifted(calendars.calendar(), moment, pausedAt, resumedAt));
        return new Deadline(shifted.at(), null, shifted.provisional());
    }

    @Override
    public Instant yellowInWorkingTime(Instant start, Instant deadline) {
        return yellowInWorkingTime(calendars.calendar(), start, deadline, config.yellowShare(), config.yellowTimeLeft(),
                config.yellowTimeLeftAbove());
    }

    @Override
    public Duration escalateAfterRed() {
        return config.autoEscalateAfterRed();
    }

    private Deadline calendarTime(Instant start, Duration limit) {
        Instant at = start.plus(limit);
        return new Deadline(at, yellowInCalendarTime(start, at, config.yellowShare(), config.yellowTimeLeft(),
                config.yellowTimeLeftAbove()), false);
    }

    private Deadline workingTime(Instant start, WorkingCalendar.Deadline computed) {
        WorkingCalendar.Deadline at = calendars.counted(computed);
        return new Deadline(at.at(), yellowInWorkingTime(calendars.calendar(), start, at.at(), config.yellowShare(),
                config.yellowTimeLeft(), config.yellowTimeLeftAbove()), at.provisional());
    }

    /** Yellow when the share of the calendar time is used or only the time left remains (limits above a length), whichever comes first. */
    static Instant yellowInCalendarTime(Instant start, Instant deadline, double share, Duration timeLeft, Duration timeLeftAbove) {
        Duration limit = Duration.between(start, deadline);
        Instant yellow = start.plusMillis((long) (limit.toMillis() * share));
        if (limit.compareTo(timeLeftAbove) > 0 && deadline.minus(timeLeft).isBefore(yellow)) {
            yellow = deadline.minus(timeLeft);
        }
        return yellow.isBefore(start) ? start : yellow;
    }

    /** The same in working minutes: the share of the working time, or the working time left. */
    static Instant yellowInWorkingTime(WorkingCalendar calendar, Instant start, Instant deadline, double share,
            Duration timeLeft, Duration timeLeftAbove) {
        long total = calendar.workingMinutesBetween(start, deadline);
        long used = (long) Math.floor(total * share);
        if (total > timeLeftAbove.toMinutes()) {
            used = Math.min(used, Math.max(0, total - timeLeft.toMinutes()));
        }
        return used == 0 ? start : calendar.addWorkingMinutes(start, used).at();
    }

    /** A moment moved later by the working time a pause took (nights, lunch breaks and holidays do not count). */
    static WorkingCalendar.Deadline shifted(WorkingCalendar calendar, Instant moment, Instant pausedAt, Instant resumedAt) {
        long paused = calendar.workingMinutesBetween(pausedAt, resumedAt);
        return paused == 0 ? new WorkingCalendar.Deadline(moment, false) : calendar.addWorkingMinutes(moment, paused);
    }
}
