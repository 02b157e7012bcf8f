package io.lastmile.ticket;

import java.util.List;
import java.util.Set;

/**
 * Which tickets someone may read: every ticket, or those that some of the given units own or
 * assist with, and those located in one area (a township or village code). Who gets which scope is
 * the security capability's decision; what a scope covers is decided here, once: REST answers ask
 * {@link #covers}, the live feeds too, and the search filter is this same rule written in the
 * index's query language. Reading is not acting: see {@link ActingRules}.
 *
 * @param everything county-wide roles (dispatchers, operators, supervisors, admins)
 * @param unitCodes  units whose tickets are covered (a unit and the units below it)
 * @param areaCode   a township or village code whose located tickets are covered, or null
 */
public record TicketScope(boolean everything, Set<String> unitCodes, String areaCode) {

    public static final TicketScope EVERYTHING = new TicketScope(true, Set.of(), null);
    public static final TicketScope NOTHING = new TicketScope(false, Set.of(), null);

    /**
     * What of a ticket decides who may read it, wherever the ticket is held (the model, a view, an event).
     *
     * @param unitCode       the owning unit
     * @param townshipCode   where it is located
     * @param villageCode    where it is located, when known
     * @param assistingUnits the units assisting in a joint handling (联办)
     */
    public record Reach(String unitCode, String townshipCode, String villageCode, List<String> assistingUnits) {

        public Reach {
            assistingUnits = assistingUnits == null ? List.of() : List.copyOf(assistingUnits);
        }
    }

    public TicketScope {
        unitCodes = Set.copyOf(unitCodes);
    }

    public static TicketScope of(Set<String> unitCodes, String areaCode) {
        return new TicketScope(false, unitCodes, areaCode);
    }

    public boolean coversUnit(String unitCode) {
        return everything || (unitCode != null && unitCodes.contains(unitCode));
    }

    /** Owned by a covered unit, assisted by one, or located in the area. */
    public boolean covers(Reach ticket) {
        if (everything || coversUnit(ticket.unitCode()) || ticket.assistingUnits().stream().anyMatch(this::coversUnit)) {
            return true;
        }
        return areaCode != null && (startsWithArea(ticket.townshipCode()) || startsWithArea(ticket.villageCode()));
    }

    private boolean startsWithArea(String code) {
        return code != null && code.startsWith(areaCode);
    }
}
