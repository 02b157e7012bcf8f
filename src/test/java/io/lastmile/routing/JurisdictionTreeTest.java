package io.lastmile.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JurisdictionTreeTest {

    private final JurisdictionTree tree = BundledRouting.snapshot().tree();

    private String nameAt(double longitude, double latitude) {
        return tree.deepestAt(longitude, latitude).map(Jurisdiction::name).orElse("-");
    }

    @Test
    void pointFallsIntoTheDeepestAreaThatCoversIt() {
        assertEquals("花桥港村一组", nameAt(112.044, 28.604));
        assertEquals("花桥港村", nameAt(112.047, 28.609), "inside the village, outside both groups");
        assertEquals("修山镇", nameAt(112.08, 28.65), "inside the township, in no village");
        assertEquals(JurisdictionLevel.GROUP, tree.deepestAt(112.044, 28.604).orElseThrow().level());
    }

    @Test
    void pointOnASharedBorderGoesToTheLowerCodeEveryTime() {
        // 111.99 is the border of 武潭镇 (103) and 修山镇 (104).
        assertEquals("武潭镇", nameAt(111.99, 28.60));
        // 28.50 is the border of 灰山港镇 (102) and 桃花江镇 (101).
        assertEquals("桃花江镇", nameAt(112.12, 28.50));
    }

    @Test
    void pointOutsideEveryPolygonIsNowhere() {
        assertEquals(Optional.empty(), tree.deepestAt(113.0, 28.5));
        assertEquals(Optional.empty(), tree.deepestAt(112.1, 28.71));
    }

    @Test
    void gridCodeNamesItsTownship() {
        assertEquals("桃花江镇", tree.townshipOfGridCode("430922101001").orElseThrow().name());
        assertEquals("修山镇", tree.townshipOfGridCode("430922104017").orElseThrow().name());
        assertEquals(Optional.empty(), tree.townshipOfGridCode("430923101001"), "another county");
        assertEquals(Optional.empty(), tree.townshipOfGridCode("430922199001"), "no such township");
        assertEquals(Optional.empty(), tree.townshipOfGridCode("4309"));
    }

    @Test
    void placeNamesInTextFindVillageBeforeTownship() {
        assertEquals("兴坪村", tree.namedIn("大栗港镇兴坪村停水三天").orElseThrow().name());
        assertEquals("兴坪村", tree.namedIn("兴坪村停水").orElseThrow().name());
        assertEquals("修山镇", tree.namedIn("修山镇政府门口").orElseThrow().name());
        assertEquals(Optional.empty(), tree.namedIn("北京市朝阳区"));
        assertEquals(Optional.empty(), tree.namedIn(""));
    }

    @Test
    void villageAndTownshipOfAGroupAreItsAncestors() {
        Jurisdiction group = tree.deepestAt(112.044, 28.604).orElseThrow();
        assertEquals("花桥港村", tree.ancestorAt(group, JurisdictionLevel.VILLAGE).orElseThrow().name());
        assertEquals("修山镇", tree.ancestorAt(group, JurisdictionLevel.TOWNSHIP).orElseThrow().name());
        assertEquals(Optional.empty(), tree.ancestorAt(tree.county(), JurisdictionLevel.TOWNSHIP));
    }

    @Test
    void boundariesAreMarkedApproximate() {
        assertTrue(tree.all().stream().allMatch(Jurisdiction::approximate));
    }

    @Test
    void brokenBoundaryIsRefusedNamingTheFeature() {
        ObjectNode doc = (ObjectNode) BundledRouting.document("jurisdictions.geojson");
        ObjectNode second = (ObjectNode) doc.withArray("features").get(1);
        // A bow tie: the ring crosses itself.
        second.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray()
                .add(point(112.0, 28.4)).add(point(112.1, 28.5)).add(point(112.1, 28.4)).add(point(112.0, 28.5))
                .add(point(112.0, 28.4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JurisdictionsGeoJson.read(doc));
        assertTrue(e.getMessage().startsWith("features[1]"), e.getMessage());
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode point(double lon, double lat) {
        return BundledRouting.JSON.createArrayNode().add(lon).add(lat);
    }
}
