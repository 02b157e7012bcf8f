package io.lastmile.ticket;

import java.time.Instant;

/** What a step needs besides the ticket and the command: the organization, the calendar, and the time it happens. */
public record StepContext(Owners owners, Deadlines deadlines, Instant now) {
}
