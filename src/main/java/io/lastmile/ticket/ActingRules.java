package io.lastmile.ticket;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.lastmile.ticket.Step.ANSWER_AT_INTAKE;
import static io.lastmile.ticket.Step.ESCALATE;
import static io.lastmile.ticket.Step.KIOSK_UNANSWERED;
import static io.lastmile.ticket.Step.MERGE;
import static io.lastmile.ticket.Step.PICK_UP;
import static io.lastmile.ticket.Step.RAISE_RED_CARD;
import static io.lastmile.ticket.Step.RAISE_YELLOW_CARD;
import static io.lastmile.ticket.Step.REDO;
import static io.lastmile.ticket.Step.REGISTER;
import static io.lastmile.ticket.Step.REPORT_ASSISTANCE;
import static io.lastmile.ticket.Step.REQUEST_DOCUMENTS;
import static io.lastmile.ticket.Step.REQUEST_EXTENSION;
import static io.lastmile.ticket.Step.RESOLVE;
import static io.lastmile.ticket.Step.RESUME_WITH_DOCUMENTS;
import static io.lastmile.ticket.Step.RETURN;
import static io.lastmile.ticket.Step.REVISIT;
import static io.lastmile.ticket.Step.SIGN_FOR;
import static io.lastmile.ticket.Step.START;
import static io.lastmile.ticket.Step.SUPERVISE;

/**
 * Who may take which step on a ticket, decided once: separate from who may read it
 * ({@link TicketScope}). Reading a ticket in one's area is not enough to act on it: a unit's
 * steps belong to the unit that owns the ticket now, and a unit above it reaches the ticket only
 * by escalation or reassignment.
 *
 * <ul>
 *   <li>the owning unit's officials take the unit's steps; dispatchers may take them on the
 *       unit's behalf, and the timeline says so ({@code onBehalfOf});</li>
 *   <li>an assisting unit files only its own joint report;</li>
 *   <li>operators take calls in and call citizens back; supervisors and dispatchers press units
 *       (督办, 重办); everything else is the command center's;</li>
 *   <li>cards and unanswered kiosk presses are raised by the time-limit watch alone.</li>
 * </ul>
 */
public final class ActingRules {

    /** The unit's steps: 签收, 处置, 退回, 延期申请, 补办, 办结, 升级, kiosk pick-up. */
    public static final Set<Step> OWNING_UNIT = EnumSet.of(SIGN_FOR, START, RETURN, REQUEST_EXTENSION,
            REQUEST_DOCUMENTS, RESUME_WITH_DOCUMENTS, RESOLVE, ESCALATE, PICK_UP);
    /** 联办: an assisting unit's own report. */
    public static final Set<Step> ASSISTING_UNIT = EnumSet.of(REPORT_ASSISTANCE);
    /** The hotline's: taking a call in, answering it at once, calling the citizen back. */
    public static final Set<Step> HOTLINE = EnumSet.of(ANSWER_AT_INTAKE, REGISTER, REVISIT);
    /** 督办 and 重办: pressing a unit. */
    public static final Set<Step> PRESSING = EnumSet.of(SUPERVISE, REDO);
    /** Raised by the time-limit watch only, never by a person. */
    public static final Set<Step> TIME_LIMIT_WATCH = EnumSet.of(RAISE_YELLOW_CARD, RAISE_RED_CARD, KIOSK_UNANSWERED);
    /** A merged caller's ticket following its primary: done by the service in the primary's step, never by a person. */
    public static final Set<Step> WITH_THE_PRIMARY = EnumSet.of(Step.FOLLOW_PRIMARY);
    /** What the service itself does besides the watch: dispatch at receipt, automatic escalation, linking duplicates. */
    private static final Set<Step> SYSTEM = EnumSet.of(RAISE_YELLOW_CARD, RAISE_RED_CARD, KIOSK_UNANSWERED, ESCALATE, MERGE,
            Step.DISPATCH, Step.FOLLOW_PRIMARY);

    /** Why {@code actor} may not take {@code step} on {@code ticket}, or empty when they may. */
    public static Optional<String> refusal(Step step, Ticket ticket, Actor actor) {
        if (actor.kind() == Actor.Kind.OFFICIAL && OWNING_UNIT.contains(step)
                && (actor.unitCode() == null || !actor.unitCode().equals(ticket.unitCode))) {
            return Optional.of("只有承办单位可以" + step.label() + " (only the unit that owns ticket "
                    + ticket.ticketNumber + " now may take the step " + step + ")");
        }
        if (actor.kind() == Actor.Kind.OFFICIAL && ASSISTING_UNIT.contains(step) && !ticket.isAssistedBy(actor.unitCode())) {
            return Optional.of("您的单位不是本工单的协办单位 (your unit does not assist with ticket " + ticket.ticketNumber + ")");
        }
        boolean allowed = switch (actor.kind()) {
            case SYSTEM -> SYSTEM.contains(step);
            case DISPATCHER -> !TIME_LIMIT_WATCH.contains(step) && !WITH_THE_PRIMARY.contains(step);
            case OPERATOR -> HOTLINE.contains(step);
            case SUPERVISOR -> PRESSING.contains(step);
            case OFFICIAL -> OWNING_UNIT.contains(step) || ASSISTING_UNIT.contains(step);
            case ADMIN -> false;
        };
        return allowed ? Optional.empty()
                : Optional.of("您无权" + step.label() + " (a " + actor.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " may not take the step " + step + ")");
    }

    /** The unit a dispatcher acts for when taking a unit's step, or null when the step is their own. */
    static String onBehalfOf(Step step, Ticket ticket, Actor actor, String assistingUnit) {
        if (actor.kind() != Actor.Kind.DISPATCHER) {
            return null;
        }
        if (OWNING_UNIT.contains(step)) {
            return ticket.unitCode;
        }
        return ASSISTING_UNIT.contains(step) ? assistingUnit : null;
    }

    private ActingRules() {
    }
}
