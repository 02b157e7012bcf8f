package io.lastmile.sla;

import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Deadlines;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The time limits as the ticket model asks for them: sign-for limits by urgency, a matter's
 * promised limit counted by its clock policy, the citizen-feedback limit, and the working
 * calendar for extensions and pauses. When a clock starts, pauses or stops is the ticket's
 * decision; what a limit comes to on the calendar is decided here. Every deadline counted across a
 * year without calendar data is counted in {@code lastmile_deadlines_provisional_total}.
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
    public Duration signForLimit(Urgency urgency) {
        return switch (urgency) {
            case CRITICAL -> config.signForCritical();
            case URGENT -> config.signForUrgent();
            case NORMAL -> config.signForNormal();
        };
    }

    @Override
    public boolean completionStartsAtDispatch() {
        return "dispatch".equals(config.completionClockStarts());
    }

    /** The catalog item's promised limit by its clock policy; the default limit for an unclassified ticket. */
    @Override
    public Deadline completion(String catalogCode, Instant start) {
        WorkingCalendar calendar = calendars.calendar();
        var item = catalogCode == null ? java.util.Optional.<io.lastmile.routing.CatalogItem>empty()
                : routing.snapshot().catalog().byCode(catalogCode);
        if (item.isEmpty()) {
            return counted(calendar.addWorkingDays(start, config.defaultCompletionWorkingDays()));
        }
        int days = item.get().promisedLimitDays();
        return switch (item.get().clockPolicy()) {
            case "calendar-hours" -> new Deadline(start.plus(Duration.ofHours(24L * days)), false);
            case "working-hours" -> counted(calendar.addWorkingMinutes(start, days * calendar.minutesPerWorkingDay()));
            default -> counted(calendar.addWorkingDays(start, days));
        };
    }

    @Override
    public Deadline feedback(Instant closedAt) {
        return counted(calendars.calendar().addWorkingDays(closedAt, config.feedbackWorkingDays()));
    }

    @Override
    public Deadline afterWorkingDays(Instant from, int days) {
        return counted(calendars.calendar().addWorkingDays(from, days));
    }

    @Override
    public Deadline shiftedByPause(Instant moment, Instant pausedAt, Instant resumedAt) {
        return counted(shifted(calendars.calendar(), moment, pausedAt, resumedAt));
    }

    @Override
    public Instant yellowAt(Instant start, Instant deadline) {
        return yellowAt(start, deadline, config.yellowShare(), config.yellowTimeLeft());
    }

    @Override
    public Duration escalateAfterRed() {
        return config.autoEscalateAfterRed();
    }

    /** Yellow when the share of the time is used or only the time left remains, whichever comes first. */
    static Instant yellowAt(Instant start, Instant deadline, double share, Duration timeLeft) {
        long total = Duration.between(start, deadline).toMillis();
        Instant byShare = start.plusMillis((long) (total * share));
        Instant byTimeLeft = deadline.minus(timeLeft);
        Instant yellow = byShare.isBefore(byTimeLeft) ? byShare : byTimeLeft;
        return yellow.isBefore(start) ? start : yellow;
    }

    /** A moment moved later by the working time a pause took (nights, lunch breaks and holidays do not count). */
    static WorkingCalendar.Deadline shifted(WorkingCalendar calendar, Instant moment, Instant pausedAt, Instant resumedAt) {
        long paused = calendar.workingMinutesBetween(pausedAt, resumedAt);
        return paused == 0 ? new WorkingCalendar.Deadline(moment, false) : calendar.addWorkingMinutes(moment, paused);
    }

    private Deadline counted(WorkingCalendar.Deadline deadline) {
        calendars.counted(deadline);
        return new Deadline(deadline.at(), deadline.provisional());
    }
}
