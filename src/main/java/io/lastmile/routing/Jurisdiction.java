package io.lastmile.routing;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * One area of the jurisdiction tree with its boundary.
 *
 * @param code        administrative code (county 6 digits, township 9, village 12, group 14)
 * @param name        as people say and write it (修山镇, 花桥港村)
 * @param level       its level in the tree
 * @param parentCode  the area it belongs to, null for the county
 * @param boundary    WGS-84 polygon(s)
 * @param center      the point a ticket gets when only this area is known
 * @param approximate the boundary is a drawn approximation, not surveyed
 */
public record Jurisdiction(String code, String name, JurisdictionLevel level, String parentCode, Geometry boundary,
        Point center, boolean approximate) {
}
