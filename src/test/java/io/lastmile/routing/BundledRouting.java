package io.lastmile.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The demo county's routing data as shipped in src/main/resources/routing, for tests of pure logic that needs it. */
public final class BundledRouting {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode document(String name) {
        try (InputStream in = BundledRouting.class.getResourceAsStream("/routing/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoutingSnapshot snapshot() {
        return new RoutingSnapshot(document("jurisdictions.geojson"), document("catalog.json"), document("organization.json"));
    }

    /** The bundled organization with the duty flags of one post changed. */
    static RoutingSnapshot withDuty(String postId, boolean aOnDuty, boolean bOnDuty) {
        ObjectNode organization = (ObjectNode) document("organization.json");
        organization.withArray("posts").forEach(post -> {
            if (post.path("id").asText().equals(postId)) {
                ((ObjectNode) post).put("aOnDuty", aOnDuty).put("bOnDuty", bOnDuty);
            }
        });
        return new RoutingSnapshot(document("jurisdictions.geojson"), document("catalog.json"), organization);
    }

    private BundledRouting() {
    }
}
