package io.lastmile.ticket;

import jakarta.ws.rs.NotFoundException;

/** No ticket has this number: answered {@code 404} with a problem body. */
public class TicketNotFound extends NotFoundException {

    public TicketNotFound(String ticketNumber) {
        super("没有受理单号为 " + ticketNumber + " 的工单 (no ticket " + ticketNumber + ")");
    }
}
