package io.lastmile.ticket;

/**
 * Where a ticket stands in the common flow (GB/T 30428; 12345 platforms follow the same shape).
 * Only {@link #RECEIVED} is reached today; the dispatch workflow adds the steps after it.
 */
public enum TicketStatus {
    /** 受理: taken in from a source or by an operator. */
    RECEIVED
}
