package io.lastmile.security;

import io.lastmile.ticket.Actor;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketView;

/**
 * Who is asking, as every capability needs to know it: the name the timeline records, the role,
 * the unit, and the tickets within reach.
 *
 * @param username    the account (or {@code source:<system>} for a source system)
 * @param displayName the name people read
 * @param role        the role that decides what the caller may do
 * @param unitCode    the caller's unit, or null
 * @param scope       the tickets the caller may read (acting is the ticket model's decision)
 */
public record Viewer(String username, String displayName, Role role, String unitCode, TicketScope scope) {

    /** The caller as the ticket model sees an actor: name, kind, unit and reading scope. */
    public Actor actor() {
        Actor.Kind kind = switch (role) {
            case OPERATOR -> Actor.Kind.OPERATOR;
            case DISPATCHER -> Actor.Kind.DISPATCHER;
            case OFFICIAL -> Actor.Kind.OFFICIAL;
            case SUPERVISOR -> Actor.Kind.SUPERVISOR;
            // A source system delivers records and takes no step; it acts as nobody's unit.
            case ADMIN, SOURCE -> Actor.Kind.ADMIN;
        };
        return new Actor(username, kind, unitCode, scope);
    }

    /**
     * Operators and dispatchers call citizens back, and so do the officials of the unit that owns
     * the ticket now, while it is open, unless the caller asked not to be named (匿名: then only the
     * hotline may call back). Everyone else (supervisors, admins, officials of other units and of
     * the township above a village station) reads the contact masked, and the numbers in the text too.
     */
    public boolean seesContact(TicketView ticket) {
        if (role == Role.OPERATOR || role == Role.DISPATCHER) {
            return true;
        }
        io.lastmile.ticket.Contact contact = ticket.contact();
        return role == Role.OFFICIAL && (contact == null || !contact.anonymous()) && unitCode != null
                && ticket.unit() != null && unitCode.equals(ticket.unit().code()) && !DONE.contains(ticket.status());
    }

    /** After these the unit has nobody to call back. */
    private static final java.util.Set<String> DONE = java.util.Set.of("CLOSED", "REVISITED");

    /** The ticket as this caller may see it: 403 outside their jurisdiction, contact masked where they need none. */
    public TicketView shown(TicketView ticket) {
        requireCovers(ticket);
        return contactAsAllowed(ticket);
    }

    /** The ticket with the contact masked unless this caller needs it (after a step, which was checked already). */
    public TicketView contactAsAllowed(TicketView ticket) {
        return seesContact(ticket) ? ticket : ticket.withMaskedContact();
    }

    public void requireCovers(TicketView ticket) {
        if (!scope.covers(ticket.reach())) {
            throw OutsideJurisdiction.ticket(ticket.ticketNumber());
        }
    }

    public void requireCoversUnit(String unitCode) {
        if (!scope.coversUnit(unitCode)) {
            throw OutsideJurisdiction.unit(unitCode);
        }
    }
}
