package io.lastmile.ticket;

import io.lastmile.ticket.event.TicketChange;

import java.time.Instant;

/**
 * What one step did, as the timeline and {@code ticket-events} record it.
 *
 * @param step   the step taken
 * @param from   the state before it
 * @param to     the state after it
 * @param actor  who took it (an account or the service's job)
 * @param reason why, when the step has a reason
 * @param change what the step changed, as the event's own fields ({@code onBehalfOf} when a dispatcher acted for a unit)
 * @param at     when
 */
public record StepTaken(Step step, TicketStatus from, TicketStatus to, String actor, String reason,
        TicketChange change, Instant at) {
}
