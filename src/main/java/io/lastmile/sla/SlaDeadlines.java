package io.lastmile.sla;

import io.lastmile.routing.Catalog;
import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.MatterTimeLimits;
import io.lastmile.routing.RoutingService;
import io.lastmile.routing.StageClocks.Stage;
import io.lastmile.ticket.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The time limits as the ticket model asks for them, on the working calendar and the catalog in
 * force: each stage's limit as {@link StagePolicies} decides it (the matter's own clock, its
 * channel and kind's, the urgency's or the promised limit, the default), the citizen-feedback
 * limit, and the working calendar for extensions and pauses. When a clock starts, pauses or stops
 * is the ticket's decision; what a limit comes to on the calendar, and when its yellow card falls
 * due, is decided here. Every deadline counted across a year without calendar data is counted in
 * {@code lastmile_deadlines_provisional_total}.
 *
 * <p>Yellow: when 80 % of the limit's time is used, counted as the limit is counted (working
 * minutes for working-day and working-hour limits, so nights, lunch breaks and National Day do not
 * turn a card yellow) and from where it counts (the receipt, for a 12315 complaint's acceptance),
 * or when 2 h are left, whichever comes first; the 2 h rule only for limits longer than 10 h, so a
 * short limit is not yellow at once.
 */
@ApplicationScoped
public class SlaDeadlines implements Deadlines, MatterTimeLimits {

    private final Supplier<WorkingCalendar> calendars;
    private final Supplier<Catalog> catalogs;
    private final UnaryOperator<WorkingCalendar.Deadline> counted;
    private final SlaConfig config;

    @Inject
    public SlaDeadlines(CalendarService calendars, SlaConfig config, RoutingService routing) {
        this(calendars::calendar, () -> routing.snapshot().catalog(), calendars::counted, config);
    }

    private SlaDeadlines(Supplier<WorkingCalendar> calendars, Supplier<Catalog> catalogs,
            UnaryOperator<WorkingCalendar.Deadline> counted, SlaConfig config) {
        this.calendars = calendars;
        this.catalogs = catalogs;
        this.counted = counted;
        this.config = config;
    }

    /** The same limits on one calendar and one catalog, counting nothing: for plain tests of the ticket's clocks. */
    public static SlaDeadlines on(WorkingCalendar calendar, Catalog catalog, SlaConfig config) {
        return new SlaDeadlines(() -> calendar, () -> catalog, deadline -> deadline, config);
    }

    @Override
    public Deadline queue(TicketFacts ticket, Instant from) {
        return stageDeadline(Stage.QUEUE, ticket, from);
    }

    @Override
    public Deadline signFor(TicketFacts ticket, Instant from) {
        return stageDeadline(Stage.SIGN_FOR, ticket, from);
    }

    @Override
    public boolean completionStartsAtDispatch() {
        return "dispatch".equals(config.completionClockStarts());
    }

    @Override
    public Deadline completion(TicketFacts ticket, Instant start) {
        return stageDeadline(Stage.COMPLETION, ticket, start);
    }

    @Override
    public Instant completionYellowAt(TicketFacts ticket, Instant start, Instant deadline) {
        WorkingCalendar calendar = calendars.get();
        StageLimit limit = policies(calendar).limit(Stage.COMPLETION, ticket);
        return yellow(calendar, limit, countedFrom(limit, ticket, start), deadline);
    }

    @Override
    public List<StageRule> stagesOf(CatalogItem matter, Catalog catalog) {
        return new StagePolicies(catalog, config, calendars.get().minutesPerWorkingDay()).rulesFor(matter).stream()
                .map(rule -> new StageRule(rule.stage().field(), rule.source().written(), rule.appliesTo(),
                        rule.amount().written().limit(), rule.amount().written().counting(), startOf(rule), rule.basis()))
                .toList();
    }

    /** Where a rule counts from, in words the catalog API shows. */
    private String startOf(StageLimit rule) {
        if (rule.fromReceipt()) {
            return "receipt";
        }
        return switch (rule.stage()) {
            case QUEUE -> "receipt or a return";
            case SIGN_FOR -> "dispatch";
            case COMPLETION -> completionStartsAtDispatch() ? "dispatch" : "sign-for";
        };
    }

    private Deadline stageDeadline(Stage stage, TicketFacts ticket, Instant stageStart) {
        WorkingCalendar calendar = calendars.get();
        StageLimit limit = policies(calendar).limit(stage, ticket);
        Instant start = countedFrom(limit, ticket, stageStart);
        WorkingCalendar.Deadline at = counted.apply(limit.amount().after(calendar, start));
        return new Deadline(at.at(), yellow(calendar, limit, start, at.at()), at.provisional());
    }

    private StagePolicies policies(WorkingCalendar calendar) {
        return new StagePolicies(catalogs.get(), config, calendar.minutesPerWorkingDay());
    }

    /** A limit counted from receipt counts from it in the first round only: a redone ticket's round counts from its steps. */
    private static Instant countedFrom(StageLimit limit, TicketFacts ticket, Instant stageStart) {
        return limit.fromReceipt() && !ticket.redone() ? ticket.receivedAt() : stageStart;
    }

    /** The yellow moment of the whole limit, from where it counts and as it counts. */
    private Instant yellow(WorkingCalendar calendar, StageLimit limit, Instant start, Instant deadline) {
        return limit.amount().inWorkingTime()
                ? yellowInWorkingTime(calendar, start, deadline, config.yellowShare(), config.yellowTimeLeft(),
                        config.yellowTimeLeftAbove())
                : yellowInCalendarTime(start, deadline, config.yellowShare(), config.yellowTimeLeft(),
                        config.yellowTimeLeftAbove());
    }

    @Override
    public Deadline feedback(Instant closedAt) {
        return workingTime(closedAt, calendars.get().addWorkingDays(closedAt, config.feedbackWorkingDays()));
    }

    @Override
    public Deadline afterWorkingDays(Instant from, int days) {
        return workingTime(from, calendars.get().addWorkingDays(from, days));
    }

    @Override
    public Deadline shiftedByPause(Instant moment, Instant pausedAt, Instant resumedAt) {
        WorkingCalendar.Deadline shifted = counted.apply(shifted(calendars.get(), moment, pausedAt, resumedAt));
        return new Deadline(shifted.at(), null, shifted.provisional());
    }

    @Override
    public Instant yellowInWorkingTime(Instant start, Instant deadline) {
        return yellowInWorkingTime(calendars.get(), start, deadline, config.yellowShare(), config.yellowTimeLeft(),
                config.yellowTimeLeftAbove());
    }

    @Override
    public Duration escalateAfterRed() {
        return config.autoEscalateAfterRed();
    }

    private Deadline workingTime(Instant start, WorkingCalendar.Deadline computed) {
        WorkingCalendar.Deadline at = counted.apply(computed);
        return new Deadline(at.at(), yellowInWorkingTime(calendars.get(), start, at.at(), config.yellowShare(),
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
