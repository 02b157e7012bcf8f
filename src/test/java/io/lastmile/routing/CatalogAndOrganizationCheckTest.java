package io.lastmile.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A change that would leave routing inconsistent is refused with a message that names what is wrong. */
class CatalogAndOrganizationCheckTest {

    @Test
    void postWithAnUnknownBHolderIsRefused() {
        ObjectNode organization = (ObjectNode) BundledRouting.document("organization.json");
        ((ObjectNode) organization.withArray("posts").get(1)).put("holderB", "nobody");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), BundledRouting.document("catalog.json"), organization));
        assertTrue(e.getMessage().contains("AB岗"), e.getMessage());
    }

    @Test
    void catalogItemWithAPromiseLongerThanTheLawOrAnUnknownCategoryIsRefused() {
        ObjectNode catalog = (ObjectNode) BundledRouting.document("catalog.json");
        ((ObjectNode) catalog.withArray("items").get(0)).put("promisedLimitDays", 99).put("windowCategory", "其他");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), catalog, BundledRouting.document("organization.json")));
        assertTrue(e.getMessage().contains("items.CS-0105: the promised limit"), e.getMessage());
        assertTrue(e.getMessage().contains("window category"), e.getMessage());
    }

    @Test
    void kioskInAnUnknownVillageIsRefused() {
        ObjectNode organization = (ObjectNode) BundledRouting.document("organization.json");
        ((ObjectNode) organization.withArray("kiosks").get(0)).put("village", "430922999999");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), BundledRouting.document("catalog.json"), organization));
        assertTrue(e.getMessage().contains("unknown village 430922999999"), e.getMessage());
    }

    @Test
    void kioskWithoutADeviceIdAndAnOverlongCatalogCodeAreRefused() {
        ObjectNode organization = (ObjectNode) BundledRouting.document("organization.json");
        ((ObjectNode) organization.withArray("kiosks").get(0)).remove("deviceId");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), BundledRouting.document("catalog.json"), organization));
        assertTrue(e.getMessage().contains("deviceId"), e.getMessage());

        ObjectNode catalog = (ObjectNode) BundledRouting.document("catalog.json");
        ((ObjectNode) catalog.withArray("items").get(0)).put("code", "X".repeat(33));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new RoutingSnapshot(
                BundledRouting.document("jurisdictions.geojson"), catalog, BundledRouting.document("organization.json")));
        assertTrue(tooLong.getMessage().contains("at most 32"), tooLong.getMessage());
    }

    @Test
    void bundledDataIsConsistent() {
        RoutingSnapshot snapshot = BundledRouting.snapshot();
        assertTrue(snapshot.catalog().items().size() >= 12);
        assertTrue(snapshot.catalog().items().stream().allMatch(i -> i.promisedLimitDays() <= i.legalLimitDays()));
    }
}
