package io.lastmile.ticket;

/**
 * The actor may not take this step on this ticket: outside their jurisdiction, not their unit's
 * ticket, or not their kind of step. Answered {@code 403}, before anything about the ticket's state is said.
 */
public class ActingRefused extends RuntimeException {

    public ActingRefused(String message) {
        super(message);
    }

    static ActingRefused outsideJurisdiction(String ticketNumber) {
        return new ActingRefused("工单 " + ticketNumber + " 不在您的辖区 (ticket " + ticketNumber + " is outside your jurisdiction)");
    }
}
