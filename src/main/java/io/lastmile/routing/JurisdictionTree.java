package io.lastmile.routing;

import io.lastmile.geo.ChinaCoordinates;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The county's areas as a tree, answering where a point, a grid code or a place name belongs.
 * Immutable: a new tree replaces the old one when an admin loads new boundaries.
 */
public final class JurisdictionTree {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final Jurisdiction county;
    private final Map<String, Jurisdiction> byCode = new LinkedHashMap<>();
    private final Map<String, List<Jurisdiction>> children = new HashMap<>();
    private final Map<String, PreparedGeometry> prepared = new HashMap<>();

    public JurisdictionTree(List<Jurisdiction> jurisdictions) {
        List<Jurisdiction> counties = jurisdictions.stream().filter(j -> j.level() == JurisdictionLevel.COUNTY).toList();
        if (counties.size() != 1) {
            throw new IllegalArgumentException("exactly one county is required, found " + counties.size());
        }
        this.county = counties.get(0);
        for (Jurisdiction j : jurisdictions) {
            if (byCode.put(j.code(), j) != null) {
                throw new IllegalArgumentException("code " + j.code() + " appears twice");
            }
        }
        for (Jurisdiction j : jurisdictions) {
            if (j.level() == JurisdictionLevel.COUNTY) {
                continue;
            }
            Jurisdiction parent = byCode.get(j.parentCode());
            if (parent == null) {
                throw new IllegalArgumentException(j.code() + " " + j.name() + ": parent " + j.parentCode() + " is unknown");
            }
            if (parent.level().ordinal() != j.level().ordinal() - 1) {
                throw new IllegalArgumentException(j.code() + " " + j.name() + ": a " + j.level() + " cannot belong to a "
                        + parent.level());
            }
            children.computeIfAbsent(parent.code(), c -> new ArrayList<>()).add(j);
            prepared.put(j.code(), PreparedGeometryFactory.prepare(j.boundary()));
        }
        prepared.put(county.code(), PreparedGeometryFactory.prepare(county.boundary()));
        // Lowest code first: a point exactly on a shared border goes to the same side every time.
        children.values().forEach(list -> list.sort(Comparator.comparing(Jurisdiction::code)));
    }

    public Jurisdiction county() {
        return county;
    }

    public Optional<Jurisdiction> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public List<Jurisdiction> all() {
        return List.copyOf(byCode.values());
    }

    public List<Jurisdiction> childrenOf(String code) {
        return children.getOrDefault(code, List.of());
    }

    /**
     * The deepest area that covers the point (its boundary included), or empty outside the county.
     * On a border shared by two areas, the one with the lower code.
     */
    public Optional<Jurisdiction> deepestAt(double longitude, double latitude) {
        Point point = GEOMETRY.createPoint(new Coordinate(longitude, latitude));
        if (!prepared.get(county.code()).covers(point)) {
            return Optional.empty();
        }
        Jurisdiction found = county;
        boolean deeper = true;
        while (deeper) {
            deeper = false;
            for (Jurisdiction child : childrenOf(found.code())) {
                if (prepared.get(child.code()).covers(point)) {
                    found = child;
                    deeper = true;
                    break;
                }
            }
        }
        return Optional.of(found);
    }

    /** The area at a level above (or at) the given one: the township of a village, say. */
    public Optional<Jurisdiction> ancestorAt(Jurisdiction jurisdiction, JurisdictionLevel level) {
        Jurisdiction current = jurisdiction;
        while (current != null && current.level().ordinal() > level.ordinal()) {
            current = byCode.get(current.parentCode());
        }
        return current != null && current.level() == level ? Optional.of(current) : Optional.empty();
    }

    /**
     * A grid cell code (county 6 digits + township 3 + cell 3) names its township; the cell itself is
     * a grid, not a village, so it goes no deeper.
     */
    public Optional<Jurisdiction> townshipOfGridCode(String gridCode) {
        if (gridCode == null || gridCode.length() < 9 || !gridCode.startsWith(county.code())) {
            return Optional.empty();
        }
        return byCode(gridCode.substring(0, 9)).filter(j -> j.level() == JurisdictionLevel.TOWNSHIP);
    }

    /**
     * The most specific place named in a text: a village (preferring one whose township is named
     * too, since village names repeat across townships), else a township.
     */
    public Optional<Jurisdiction> namedIn(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Jurisdiction> townships = childrenOf(county.code()).stream().filter(t -> text.contains(t.name())).toList();
        List<Jurisdiction> villages = new ArrayList<>();
        for (Jurisdiction township : childrenOf(county.code())) {
            for (Jurisdiction village : childrenOf(township.code())) {
                if (text.contains(village.name())) {
                    villages.add(village);
                }
            }
        }
        Optional<Jurisdiction> villageInNamedTownship = villages.stream()
                .filter(v -> townships.stream().anyMatch(t -> t.code().equals(v.parentCode())))
                .findFirst();
        if (villageInNamedTownship.isPresent()) {
            return villageInNamedTownship;
        }
        if (villages.size() == 1) {
            return Optional.of(villages.get(0));
        }
        return townships.isEmpty() ? Optional.empty() : Optional.of(townships.get(0));
    }

    static Point point(double longitude, double latitude) {
        if (!ChinaCoordinates.inChina(longitude, latitude)) {
            throw new IllegalArgumentException("centre " + longitude + "," + latitude + " is outside China");
        }
        return GEOMETRY.createPoint(new Coordinate(longitude, latitude));
    }
}
