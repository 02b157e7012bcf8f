package io.lastmile.security;

import jakarta.ws.rs.ForbiddenException;

/** The caller is signed in but the ticket or unit lies outside their jurisdiction: answered {@code 403}. */
public class OutsideJurisdiction extends ForbiddenException {

    private OutsideJurisdiction(String message) {
        super(message);
    }

    static OutsideJurisdiction ticket(String ticketNumber) {
        return new OutsideJurisdiction("工单 " + ticketNumber + " 不在您的辖区 (ticket " + ticketNumber + " is outside your jurisdiction)");
    }

    static OutsideJurisdiction unit(String unitCode) {
        return new OutsideJurisdiction("单位 " + unitCode + " 不在您的辖区 (unit " + unitCode + " is outside your jurisdiction)");
    }
}
