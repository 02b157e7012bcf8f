package io.lastmile.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * The time arithmetic the ticket model needs: limits and the working calendar. The model decides
 * when a clock starts, pauses and stops; this port, implemented by the time-limits capability,
 * says what a limit comes to on the calendar and when its yellow card falls due (80 % of the
 * working time for working-time limits, of the calendar time for calendar limits).
 */
public interface Deadlines {

    /**
     * A computed deadline and the moment its yellow card falls due (null where none is computed);
     * provisional when counted across a year without calendar data (weekdays only).
     */
    record Deadline(Instant at, Instant yellowAt, boolean provisional) {
    }

    /** The queue clock (待派遣): from receipt (or a return) to dispatch. */
    Deadline queue(Urgency urgency, Instant from);

    /** How long a unit has to sign for a dispatched ticket of this urgency, from {@code from}. */
    Deadline signFor(Urgency urgency, Instant from);

    /** Whether the completion clock starts at the dispatch rather than at the sign-for. */
    boolean completionStartsAtDispatch();

    /** The completion deadline of a matter (the default limit when unclassified) started at {@code start}. */
    Deadline completion(String catalogCode, Instant start);

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
