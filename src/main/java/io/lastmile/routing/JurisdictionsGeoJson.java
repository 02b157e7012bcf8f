package io.lastmile.routing;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads jurisdictions from a GeoJSON FeatureCollection: each feature's properties carry
 * {@code code}, {@code name}, {@code level} (county, township, village, group), {@code parent},
 * optionally {@code center} ([lon, lat]) and {@code approximate}; its geometry is a Polygon or a
 * MultiPolygon in WGS-84. Errors name the feature and the property.
 */
public final class JurisdictionsGeoJson {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    public static JurisdictionTree read(JsonNode collection) {
        if (!"FeatureCollection".equals(collection.path("type").asText())) {
            throw new IllegalArgumentException("type: a GeoJSON FeatureCollection is expected");
        }
        JsonNode features = collection.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new IllegalArgumentException("features: at least one feature is expected");
        }
        List<Jurisdiction> jurisdictions = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String where = "features[" + i + "]";
            JsonNode properties = feature.path("properties");
            String code = text(properties, "code", where);
            String name = text(properties, "name", where);
            if (code.length() > 16 || name.length() > 64) {
                throw new IllegalArgumentException(where + ".properties: a code has at most 16 characters, a name 64");
            }
            where = where + " (" + code + " " + name + ")";
            JurisdictionLevel level;
            try {
                level = JurisdictionLevel.valueOf(text(properties, "level", where).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".properties.level: county, township, village or group");
            }
            String parent = properties.path("parent").isTextual() ? properties.path("parent").asText() : null;
            Geometry boundary = geometry(feature.path("geometry"), where);
            JsonNode center = properties.path("center");
            var point = center.isArray() && center.size() == 2
                    ? JurisdictionTree.point(center.get(0).asDouble(), center.get(1).asDouble())
                    : boundary.getInteriorPoint();
            jurisdictions.add(new Jurisdiction(code, name, level, parent, boundary, point,
                    properties.path("approximate").asBoolean(false)));
        }
        return new JurisdictionTree(jurisdictions);
    }

    private static String text(JsonNode properties, String field, String where) {
        JsonNode value = properties.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ".properties." + field + ": a non-empty string is required");
        }
        return value.asText().trim();
    }

    private static Geometry geometry(JsonNode geometry, String where) {
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        Geometry result = switch (type) {
            case "Polygon" -> polygon(coordinates, where);
            case "MultiPolygon" -> {
                List<Polygon> polygons = new ArrayList<>();
                coordinates.forEach(polygon -> polygons.add(polygon(polygon, where)));
                yield GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
            }
            default -> throw new IllegalArgumentException(where + ".geometry.type: Polygon or MultiPolygon expected, got '"
                    + type + "'");
        };
        if (!result.isValid()) {
            throw new IllegalArgumentException(where + ".geometry: the boundary is not a valid polygon (self-intersecting?)");
        }
        return result;
    }

    private static Polygon polygon(JsonNode rings, String where) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException(where + ".geometry.coordinates: at least one ring is expected");
        }
        LinearRing shell = ring(rings.get(0), where);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), where);
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode ring, String where) {
        List<Coordinate> points = new ArrayList<>();
        for (JsonNode position : ring) {
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw new IllegalArgumentException(where + ".geometry.coordinates: positions are [longitude, latitude]");
            }
            points.add(new Coordinate(position.get(0).asDouble(), position.get(1).asDouble()));
        }
        if (points.size() < 4 || !points.get(0).equals2D(points.get(points.size() - 1))) {
            throw new IllegalArgumentException(where + ".geometry.coordinates: a ring needs 4 or more positions and must be closed");
        }
        return GEOMETRY.createLinearRing(points.toArray(Coordinate[]::new));
    }

    private JurisdictionsGeoJson() {
    }
}
