package io.lastmile.routing;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.Owner;
import io.lastmile.routing.Organization.Unit;
import io.lastmile.routing.Organization.UnitKind;

import java.util.Map;
import java.util.Optional;

/**
 * Decides who owns a new ticket: where it is (kiosk registry, point in polygon, grid code, place
 * names in the address and text, else the county), what matter it is (the catalog), and so which
 * unit handles it at the matter's level and which holder of that unit's post is on duty.
 * Pure: it works on an immutable snapshot of jurisdictions, catalog and organization.
 */
public final class Router {

    /** The owner and the location the ticket gets (a derived centre when the source sent no position). */
    public record Routed(Owner owner, Location location) {
    }

    private record Placement(Jurisdiction jurisdiction, String method) {
    }

    private final JurisdictionTree tree;
    private final Catalog catalog;
    private final Organization organization;

    public Router(JurisdictionTree tree, Catalog catalog, Organization organization) {
        this.tree = tree;
        this.catalog = catalog;
        this.organization = organization;
    }

    public Routed route(NewTicket ticket) {
        Placement placement = place(ticket);
        Optional<Jurisdiction> township = tree.ancestorAt(placement.jurisdiction(), JurisdictionLevel.TOWNSHIP);
        Optional<Jurisdiction> village = tree.ancestorAt(placement.jurisdiction(), JurisdictionLevel.VILLAGE);
        Optional<CatalogItem> item = catalog.classify(ticket);
        Unit unit = owningUnit(item, township, village);
        String assignee = organization.holderOnDuty(unit.code());
        Owner owner = new Owner(township.map(Jurisdiction::code).orElse(null), township.map(Jurisdiction::name).orElse(null),
                village.map(Jurisdiction::code).orElse(null), village.map(Jurisdiction::name).orElse(null),
                unit.code(), unit.name(), item.map(CatalogItem::code).orElse(null), item.map(CatalogItem::name).orElse(null),
                assignee, placement.method(), center().code());
        return new Routed(owner, location(ticket.location(), placement.jurisdiction()));
    }

    private Placement place(NewTicket ticket) {
        Map<String, Object> extras = ticket.extras() == null ? Map.of() : ticket.extras();
        if (ticket.channel() == Channel.KIOSK) {
            Optional<Jurisdiction> registered = organization.kiosks().stream()
                    .filter(k -> k.deviceId().equals(extras.get("deviceId"))).findFirst()
                    .flatMap(k -> tree.byCode(k.village()));
            if (registered.isPresent()) {
                return new Placement(registered.get(), "kiosk-registry");
            }
        }
        Location location = ticket.location();
        if (location != null && location.precision() == LocationPrecision.EXACT && location.longitude() != null) {
            Optional<Jurisdiction> at = tree.deepestAt(location.longitude(), location.latitude())
                    .filter(j -> j.level() != JurisdictionLevel.COUNTY);
            if (at.isPresent()) {
                return new Placement(at.get(), "point");
            }
        }
        if (extras.get("gridCode") instanceof String grid) {
            Optional<Jurisdiction> township = tree.townshipOfGridCode(grid);
            if (township.isPresent()) {
                return new Placement(township.get(), "grid-code");
            }
        }
        String words = (ticket.address() == null ? "" : ticket.address() + " ") + ticket.text();
        return tree.namedIn(words).map(j -> new Placement(j, "address-text"))
                .orElseGet(() -> new Placement(tree.county(), "county-default"));
    }

    /** The unit at the matter's level; whatever cannot be placed or classified goes to the county center. */
    private Unit owningUnit(Optional<CatalogItem> item, Optional<Jurisdiction> township, Optional<Jurisdiction> village) {
        Unit center = center();
        if (item.isEmpty()) {
            return center;
        }
        Optional<Unit> townshipCenter = township.flatMap(t -> unitOfKind(UnitKind.TOWNSHIP_CENTER, t.code()));
        return switch (item.get().handlingLevel()) {
            case VILLAGE -> village.flatMap(v -> unitOfKind(UnitKind.VILLAGE_STATION, v.code()))
                    .or(() -> townshipCenter).orElse(center);
            case TOWNSHIP -> townshipCenter.orElse(center);
            case COUNTY -> organization.units().stream().filter(u -> u.code().equals(item.get().owningDepartment()))
                    .findFirst().orElse(center);
        };
    }

    /**
     * The unit that handles a matter at a place, by the same rules as at intake: a dispatcher's
     * "dispatch by the rules" after the matter or the place changed.
     */
    public Unit owningUnit(String catalogCode, String townshipCode, String villageCode) {
        return owningUnit(catalogCode == null ? Optional.empty() : catalog.byCode(catalogCode),
                townshipCode == null ? Optional.empty() : tree.byCode(townshipCode),
                villageCode == null ? Optional.empty() : tree.byCode(villageCode));
    }

    /**
     * 升级: the next level up from a unit — a village station's township center, a township
     * center's owning department for the matter (else the county center), a department's county
     * center. Empty at the county center: there is no level above.
     */
    public Optional<Unit> levelAbove(String unitCode, String catalogCode) {
        Optional<Unit> unit = organization.unit(unitCode);
        if (unit.isEmpty()) {
            return Optional.of(center());
        }
        return switch (unit.get().kind()) {
            case VILLAGE_STATION -> tree.byCode(unit.get().jurisdiction())
                    .flatMap(v -> tree.ancestorAt(v, JurisdictionLevel.TOWNSHIP))
                    .flatMap(t -> unitOfKind(UnitKind.TOWNSHIP_CENTER, t.code()))
                    .or(() -> Optional.of(center()));
            case TOWNSHIP_CENTER -> Optional.of((catalogCode == null ? Optional.<CatalogItem>empty() : catalog.byCode(catalogCode))
                    .flatMap(item -> organization.unit(item.owningDepartment()))
                    .filter(u -> u.kind() == UnitKind.DEPARTMENT)
                    .orElse(center()));
            case DEPARTMENT -> Optional.of(center());
            case COUNTY_CENTER -> Optional.empty();
        };
    }

    /** 县综合指挥中心: takes every ticket in from the sources, and owns what nobody else does. */
    public Unit center() {
        return unitOfKind(UnitKind.COUNTY_CENTER, tree.county().code())
                .orElseThrow(() -> new IllegalStateException("the organization has no county center"));
    }

    private Optional<Unit> unitOfKind(UnitKind kind, String jurisdiction) {
        return organization.units().stream().filter(u -> u.kind() == kind && u.jurisdiction().equals(jurisdiction))
                .findFirst();
    }

    private static Location location(Location sent, Jurisdiction placed) {
        if (sent != null && sent.precision() == LocationPrecision.EXACT) {
            return sent;
        }
        LocationPrecision precision = switch (placed.level()) {
            case GROUP, VILLAGE -> LocationPrecision.VILLAGE;
            case TOWNSHIP -> LocationPrecision.TOWNSHIP;
            case COUNTY -> LocationPrecision.COUNTY;
        };
        return new Location(placed.center().getX(), placed.center().getY(), precision, null, null, null);
    }
}
