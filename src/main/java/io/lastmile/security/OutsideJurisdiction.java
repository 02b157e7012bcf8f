package io.lastmile.security;

import jakarta.ws.rs.ForbiddenException;

/** The caller is signed in but the ticket or unit lies outside their jurisdiction: answered {@code 403}. */
public class OutsideJurisdiction extends ForbiddenException {

    public OutsideJurisdiction(String ticketNumber) {
        super("工单 " + ticketNumber + " 不在您的辖区 (ticket " + ticketNumber + " is outside your jurisdiction)");
    }

    OutsideJurisdiction(String message, boolean verbatim) {
        super(message);
    }
}
