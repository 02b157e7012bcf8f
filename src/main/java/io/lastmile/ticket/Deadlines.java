package io.lastmile.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * The time arithmetic the ticket model needs: limits and the working calendar. The model decides
 * when a clock starts, pauses and stops; this port, implemented by the time-limits capability,
 * says which limit a stage has for this ticket (its matter's, its channel's, its urgency's), what
 * it comes to on the calendar, and when its yellow card falls due (80 % of the working time for
 * working-time limits, of the calendar time for calendar limits, counted from where the limit
 * counts from: a limit counted from receipt turns yellow at 80 % of its whole length).
 */
public interface Deadlines {

    /**
     * A computed deadline and the moment its yellow card falls due (null where none is computed);
     * provisional when counted across a year without calendar data (weekdays only).
     */
    record Deadline(Instant at, Instant yellowAt, boolean provisional) {
    }

    /**
     * What a ticket's limits depend on, as the ticket states it of itself.
     *
     * @param catalogCode its matter, null while unclassified
     * @param receivedAt  when it was taken in: where a limit counted from receipt counts from
     * @param redone      whether it was redone (重办): its new round counts every limit from the stage's own start,
     *                    since the limits counted from receipt were met or missed in the first round
     */
    record TicketFacts(Channel channel, TicketKind kind, Urgency urgency, String catalogCode, Instant receivedAt,
            boolean redone) {
    }

    /** The queue clock (待派遣): from receipt (or a return, {@code from}) to dispatch. */
    Deadline queue(TicketFacts ticket, Instant from);

    /** How long the unit has to sign for the ticket dispatched at {@code from}. */
    Deadline signFor(TicketFacts ticket, Instant from);

    /** Whether the completion clock starts at the dispatch rather than at the sign-for. */
    boolean completionStartsAtDispatch();

    /** The completion deadline of the ticket's stage started at {@code start}. */
    Deadline completion(TicketFacts ticket, Instant start);

    /**
     * When the yellow card of a completion deadline set before its stage started (at the dispatch,
     * or by a supervision) falls due once the stage starts at {@code start}.
     */
    Instant completionYellowAt(TicketFacts ticket, Instant start, Instant deadline);

    /** The citizen-feedback deadline of a ticket closed at {@code closedAt}. */
    Deadline feedback(Instant closedAt);

    /** {@code days} working days after {@code from} (an extension, a supervision's new deadline). */
    Deadline afterWorkingDays(Instant from, int days);

    /** {@code moment} moved later by the working time between a pause and its end (no yellow moment of its own). */
    Deadline shiftedByPause(Instant moment, Instant pausedAt, Instant resumedAt);

    /** When the yellow card of a working-time stage from {@code start} to {@code deadline} falls due. */
    Instant yellowInWorkingTime(Instant start, Instant deadline);

    /** How long a red card may stay unresolved before the ticket moves one level up by itself. */
    Duration escalateAfterRed();
}
