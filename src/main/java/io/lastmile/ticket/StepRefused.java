package io.lastmile.ticket;

import java.util.Set;

/**
 * A step the ticket cannot take now: answered {@code 409} with the current state and the steps
 * this caller may take instead, so a screen can offer the right buttons.
 */
public class StepRefused extends RuntimeException {

    private final TicketStatus current;
    private final Set<Step> allowed;

    public StepRefused(String message, TicketStatus current, Set<Step> allowed) {
        super(message);
        this.current = current;
        this.allowed = Set.copyOf(allowed);
    }

    public TicketStatus current() {
        return current;
    }

    public Set<Step> allowed() {
        return allowed;
    }
}
