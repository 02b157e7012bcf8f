package io.lastmile.security;

import io.lastmile.routing.Organization;
import io.lastmile.routing.Organization.Unit;
import io.lastmile.ticket.TicketScope;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tickets within an official's reach, from the organization: those their unit or a unit below
 * it owns (a township center and its village stations) or assists with, and those located in the
 * unit's area. A township official's area is the township; a village station's is its village.
 * County departments have no area of their own (their area would be the whole county), so they
 * reach only what they own or assist with.
 */
final class Jurisdictions {

    static TicketScope scopeOf(Role role, String unitCode, Organization organization) {
        if (role.countyWide()) {
            return TicketScope.EVERYTHING;
        }
        if (role != Role.OFFICIAL) {
            return TicketScope.NOTHING;
        }
        Optional<Unit> unit = unitCode == null ? Optional.empty() : organization.unit(unitCode);
        if (unit.isEmpty()) {
            // An official whose unit is unknown (deleted, or a token from elsewhere) reaches nothing.
            return TicketScope.NOTHING;
        }
        Unit own = unit.get();
        return switch (own.kind()) {
            case TOWNSHIP_CENTER, VILLAGE_STATION -> TicketScope.of(organization.units().stream()
                    .filter(u -> u.jurisdiction().startsWith(own.jurisdiction()))
                    .map(Unit::code).collect(Collectors.toSet()), own.jurisdiction());
            case DEPARTMENT, COUNTY_CENTER -> TicketScope.of(Set.of(own.code()), null);
        };
    }

    private Jurisdictions() {
    }
}
