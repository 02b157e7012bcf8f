package io.lastmile.sla;

import io.lastmile.routing.RoutingSnapshot;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.Ticket;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * What each step does to a ticket's clock: a dispatch gives the unit its sign-for deadline, the
 * sign-for starts the completion clock, 补办 and an extension decision pause it (the paused
 * working time is added back), an approved extension adds its days, a return stops the clock (a
 * new dispatch starts a new one), closing starts the citizen-feedback clock. Each deadline comes
 * with the moment its yellow card falls due; the red card falls due at the deadline, and a red card
 * left unresolved for a while moves the ticket one level up.
 */
@ApplicationScoped
public class TicketClock {

    /** A matter's promised limit and how it is counted (working-days, working-hours, calendar-hours). */
    public record Limit(int days, String clockPolicy) {

        /** The limit of a catalog item, or null for an unclassified ticket (the default limit applies). */
        public static Limit of(RoutingSnapshot snapshot, String catalogCode) {
            return catalogCode == null ? null : snapshot.catalog().byCode(catalogCode)
                    .map(item -> new Limit(item.promisedLimitDays(), item.clockPolicy())).orElse(null);
        }
    }

    private final CalendarService calendars;
    private final SlaConfig config;

    public TicketClock(CalendarService calendars, SlaConfig config) {
        this.calendars = calendars;
        this.config = config;
    }

    /**
     * @param limit the promised limit of the ticket's catalog item, or null when unclassified
     * @param days  the days of an approved extension or of a supervision's new deadline, or null
     */
    public void onStep(Step step, Ticket t, Instant now, Limit limit, Integer days) {
        switch (step) {
            case RAISE_RED_CARD -> t.escalateAt = now.plus(config.autoEscalateAfterRed());
            case DISPATCH, ACCEPT_RETURN, REJECT_RETURN, REASSIGN, REDO, ESCALATE -> {
                t.deadlineProvisional = false;
                Instant signFor = now.plus(signForLimit(t.urgency));
                t.signForDeadline = signFor;
                t.completionDeadline = "dispatch".equals(config.completionClockStarts()) ? completion(t, now, limit) : null;
                t.pausedAt = null;
                stage(t, now, signFor);
            }
            case SIGN_FOR -> {
                if (t.completionDeadline == null) {
                    t.completionDeadline = completion(t, now, limit);
                }
                stage(t, now, t.completionDeadline);
            }
            case REQUEST_DOCUMENTS, REQUEST_EXTENSION -> {
                t.pausedAt = now;
                t.escalateAt = null;
            }
            case RESUME_WITH_DOCUMENTS, DENY_EXTENSION, APPROVE_EXTENSION -> {
                resume(t, now);
                if (step == Step.APPROVE_EXTENSION && t.completionDeadline != null && days != null) {
                    t.completionDeadline = counted(t, calendars.calendar().addWorkingDays(t.completionDeadline, days));
                    t.redAt = t.completionDeadline;
                    t.deadline = t.redAt;
                    if ("RED".equals(t.card)) {
                        t.card = "NONE"; // a new deadline: its cards can fall due again
                    }
                }
            }
            case SUPERVISE -> {
                if (days != null && days > 0) {
                    t.completionDeadline = counted(t, calendars.calendar().addWorkingDays(now, days));
                    stage(t, now, t.completionDeadline);
                }
            }
            case RETURN, RESOLVE, REVISIT, MERGE, ANSWER_AT_INTAKE -> stop(t);
            case UNMERGE -> {
                // Back to a dispatched state: the unit's sign-for time starts again, as at a dispatch.
                if (t.resumeStatus == io.lastmile.ticket.TicketStatus.DISPATCHED) {
                    onStep(Step.DISPATCH, t, now, limit, days);
                }
            }
            case CLOSE -> {
                t.feedbackDeadline = counted(t, calendars.calendar().addWorkingDays(now, config.feedbackWorkingDays()));
                stage(t, now, t.feedbackDeadline);
            }
            default -> {
                // registering, starting, joint handling, cards and kiosk pick-ups leave the clock as it is
            }
        }
    }

    private Duration signForLimit(Urgency urgency) {
        return switch (urgency) {
            case CRITICAL -> config.signForCritical();
            case URGENT -> config.signForUrgent();
            case NORMAL -> config.signForNormal();
        };
    }

    Instant completion(Ticket t, Instant start, Limit limit) {
        WorkingCalendar calendar = calendars.calendar();
        if (limit == null) {
            return counted(t, calendar.addWorkingDays(start, config.defaultCompletionWorkingDays()));
        }
        return switch (limit.clockPolicy()) {
            case "calendar-hours" -> start.plus(Duration.ofHours(24L * limit.days()));
            case "working-hours" -> counted(t, calendar.addWorkingMinutes(start, limit.days() * calendar.minutesPerWorkingDay()));
            default -> counted(t, calendar.addWorkingDays(start, limit.days()));
        };
    }

    /** A new stage: its deadline, when its cards fall due, and no card yet. */
    private void stage(Ticket t, Instant start, Instant deadline) {
        t.escalateAt = null;
        t.redAt = deadline;
        t.yellowAt = yellowAt(start, deadline, config.yellowShare(), config.yellowTimeLeft());
        t.deadline = deadline;
        t.card = "NONE";
    }

    /** Yellow when the share of the time is used or only the time left remains, whichever comes first. */
    static Instant yellowAt(Instant start, Instant deadline, double share, Duration timeLeft) {
        long total = Duration.between(start, deadline).toMillis();
        Instant byShare = start.plusMillis((long) (total * share));
        Instant byTimeLeft = deadline.minus(timeLeft);
        Instant yellow = byShare.isBefore(byTimeLeft) ? byShare : byTimeLeft;
        return yellow.isBefore(start) ? start : yellow;
    }

    /** The paused working time is given back to the deadline and its yellow card. */
    private void resume(Ticket t, Instant now) {
        if (t.pausedAt == null) {
            return;
        }
        WorkingCalendar calendar = calendars.calendar();
        Instant pausedAt = t.pausedAt;
        t.pausedAt = null;
        if (t.redAt == null) {
            return;
        }
        t.redAt = counted(t, shifted(calendar, t.redAt, pausedAt, now));
        t.yellowAt = t.yellowAt == null ? null : counted(t, shifted(calendar, t.yellowAt, pausedAt, now));
        if (t.completionDeadline != null) {
            t.completionDeadline = t.redAt;
        }
        t.deadline = t.redAt;
    }

    /** A moment moved later by the working time a pause took (nights, lunch breaks and holidays do not count). */
    static WorkingCalendar.Deadline shifted(WorkingCalendar calendar, Instant moment, Instant pausedAt, Instant resumedAt) {
        long paused = calendar.workingMinutesBetween(pausedAt, resumedAt);
        return paused == 0 ? new WorkingCalendar.Deadline(moment, false) : calendar.addWorkingMinutes(moment, paused);
    }

    private static void stop(Ticket t) {
        t.escalateAt = null;
        t.yellowAt = null;
        t.redAt = null;
        t.deadline = null;
        t.pausedAt = null;
    }

    /** The instant of a computed deadline; a provisional one (a year without data) marks the ticket. */
    private Instant counted(Ticket t, WorkingCalendar.Deadline deadline) {
        t.deadlineProvisional |= calendars.counted(deadline).provisional();
        return deadline.at();
    }
}
