package io.lastmile.ticket;

import java.util.Collection;
import java.util.Set;

/**
 * Which tickets someone may see and act on: every ticket, or those that some of the given units
 * own or assist with, and those located in one area (a township or village code). Who gets which
 * scope is the security capability's decision; what the scope covers is decided here, once, for
 * single tickets as for lists.
 *
 * @param everything county-wide roles (dispatchers, operators, supervisors, admins)
 * @param unitCodes  units whose tickets are covered (a unit and the units below it)
 * @param areaCode   a township or village code whose located tickets are covered, or null
 */
public record TicketScope(boolean everything, Set<String> unitCodes, String areaCode) {

    public static final TicketScope EVERYTHING = new TicketScope(true, Set.of(), null);
    public static final TicketScope NOTHING = new TicketScope(false, Set.of(), null);

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
    public boolean covers(String unitCode, String townshipCode, String villageCode, Collection<String> assistingUnits) {
        if (everything || coversUnit(unitCode) || assistingUnits.stream().anyMatch(this::coversUnit)) {
            return true;
        }
        return areaCode != null && (startsWithArea(townshipCode) || startsWithArea(villageCode));
    }

    public boolean covers(Ticket t) {
        return everything || covers(t.unitCode, t.townshipCode, t.villageCode,
                JointHandling.read(t.assistants).stream().map(JointHandling.Assistant::unitCode).toList());
    }

    public boolean covers(TicketView t) {
        return everything || covers(t.unit() == null ? null : t.unit().code(), t.townshipCode(), t.villageCode(),
                t.assistants() == null ? Set.of() : t.assistants().stream().map(JointHandling.Assistant::unitCode).toList());
    }

    private boolean startsWithArea(String code) {
        return code != null && code.startsWith(areaCode);
    }
}
