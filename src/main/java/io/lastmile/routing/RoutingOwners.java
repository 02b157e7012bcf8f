package io.lastmile.routing;

import io.lastmile.ticket.Owners;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The organization and the routing rules as the ticket model asks for them, from the routing
 * data in force now (admins change it without a restart).
 */
@ApplicationScoped
public class RoutingOwners implements Owners {

    private final RoutingService routing;

    public RoutingOwners(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public Optional<Unit> unit(String code) {
        RoutingSnapshot snapshot = routing.snapshot();
        return code == null ? Optional.empty() : snapshot.organization().unit(code).map(u -> onDuty(snapshot, u));
    }

    @Override
    public Unit owningUnit(String catalogCode, String townshipCode, String villageCode) {
        RoutingSnapshot snapshot = routing.snapshot();
        return onDuty(snapshot, snapshot.router().owningUnit(catalogCode, townshipCode, villageCode));
    }

    @Override
    public Unit center() {
        RoutingSnapshot snapshot = routing.snapshot();
        return onDuty(snapshot, snapshot.router().center());
    }

    @Override
    public Optional<Unit> levelAbove(String unitCode, String catalogCode) {
        RoutingSnapshot snapshot = routing.snapshot();
        return snapshot.router().levelAbove(unitCode, catalogCode).map(u -> onDuty(snapshot, u));
    }

    @Override
    public Optional<Matter> matter(String catalogCode) {
        return catalogCode == null ? Optional.empty()
                : routing.snapshot().catalog().byCode(catalogCode).map(item -> new Matter(item.code(), item.name()));
    }

    private static Unit onDuty(RoutingSnapshot snapshot, Organization.Unit unit) {
        return new Unit(unit.code(), unit.name(), snapshot.organization().holderOnDuty(unit.code()));
    }
}
