package io.lastmile.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.Api;
import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dashboard names only what the service has: each metric a Grafana panel queries is on
 * {@code /q/metrics}, and each field an OpenSearch Dashboards visualization aggregates is in the
 * tickets index's mapping. A renamed metric or field fails here, not on a blank panel in production.
 */
@QuarkusTest
class DashboardReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Metric names in PromQL: the service's and the standard families it exports. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:lastmile|http|jvm|kafka|process|system)_[a-zA-Z0-9_]+)");

    @Inject
    TestStack stack;

    @Test
    void everyMetricAGrafanaPanelQueriesIsExported() throws Exception {
        Set<String> queried = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("dashboards", "grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JSON.readTree(file.toFile()).findValues("expr").forEach(expr -> {
                    Matcher m = METRIC.matcher(expr.asText());
                    while (m.find()) {
                        queried.add(m.group(1));
                    }
                });
            }
        }
        assertFalse(queried.isEmpty(), "the Grafana dashboards query metrics");
        // Traffic, so that per-route and per-channel series exist.
        Api.dispatcher().when().get("/api/v1/tickets/430922-19990101-000009").then().statusCode(404);
        Api.createTicket("修山镇花桥港村路灯不亮 看板检查", "桃江县修山镇花桥港村");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String exported = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            List<String> missing = new ArrayList<>();
            for (String name : queried) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exported).find()) {
                    missing.add(name);
                }
            }
            assertEquals(List.of(), missing, "metrics the dashboards query but the service does not export");
        });
    }

    @Test
    void everyFieldAnOpenSearchVisualizationUsesIsInTheTicketsMapping() throws Exception {
        JsonNode mapping = JSON.readTree(given().baseUri(stack.searchUri()).when().get("/tickets/_mapping").then()
                .statusCode(200).extract().asString());
        JsonNode properties = mapping.elements().next().path("mappings").path("properties");
        List<String> missing = new ArrayList<>();
        int fields = 0;
        try (Stream<Path> files = Files.list(Path.of("dashboards", "opensearch"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode object = JSON.readTree(line);
                    List<String> named = new ArrayList<>();
                    if (object.path("type").asText().equals("index-pattern")) {
                        assertEquals("tickets", object.path("attributes").path("title").asText(), "the alias the service writes");
                        named.add(object.path("attributes").path("timeFieldName").asText());
                    }
                    if (object.path("type").asText().equals("visualization")) {
                        JSON.readTree(object.path("attributes").path("visState").asText()).path("aggs").forEach(agg -> {
                            if (agg.path("params").hasNonNull("field")) {
                                named.add(agg.path("params").path("field").asText());
                            }
                        });
                    }
                    for (String field : named) {
                        fields++;
                        if (resolve(properties, field).isMissingNode()) {
                            missing.add(file.getFileName() + " " + object.path("id").asText() + ": " + field);
                        }
                    }
                }
            }
        }
        assertFalse(fields == 0, "the saved objects name fields");
        assertEquals(List.of(), missing, "fields the saved objects use but the tickets index does not have");
    }

    @Test
    void theProvisioningLoadsBothGrafanaDashboardsAndTheAnalyticsCoverTheirThreeViews() throws Exception {
        List<Path> grafana;
        try (Stream<Path> files = Files.list(Path.of("dashboards", "grafana"))) {
            grafana = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        Set<String> uids = new TreeSet<>();
        for (Path file : grafana) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertFalse(dashboard.path("panels").isEmpty(), file + " has panels");
            uids.add(dashboard.path("uid").asText());
        }
        assertEquals(Set.of("lastmile-business", "lastmile-service"), uids, "operations and business, each its own uid");
        // The provider reads the folder compose mounts, so every JSON beside it is loaded; Kubernetes names each file.
        String provider = Files.readString(Path.of("dashboards", "grafana", "provisioning.yaml"));
        Matcher path = Pattern.compile("(?m)^\\s+path:\\s*(\\S+)").matcher(provider);
        assertTrue(path.find(), "the provider names its folder");
        String compose = Files.readString(Path.of("deploy", "compose", "compose.yaml"));
        assertTrue(compose.contains("../../dashboards/grafana:" + path.group(1)), "compose mounts the folder at " + path.group(1));
        String deployGuide = Files.readString(Path.of("deploy", "README.md"));
        for (Path file : grafana) {
            assertTrue(deployGuide.contains("--from-file=dashboards/grafana/" + file.getFileName()),
                    "the Kubernetes ConfigMap carries " + file.getFileName());
        }

        Set<String> ids = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        Set<String> views = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("dashboards", "opensearch"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode object = JSON.readTree(line);
                    ids.add(object.path("id").asText());
                    object.path("references").forEach(ref -> referenced.add(ref.path("id").asText()));
                    if (object.path("type").asText().equals("visualization")) {
                        JsonNode state = JSON.readTree(object.path("attributes").path("visState").asText());
                        List<String> aggs = new ArrayList<>();
                        state.path("aggs").forEach(agg -> aggs.add(agg.path("type").asText() + ":" + agg.path("params").path("field").asText()));
                        if (aggs.contains("geohash_grid:point")) {
                            views.add("map");
                        }
                        if (aggs.contains("date_histogram:receivedAt") && aggs.contains("terms:channel")) {
                            views.add("channels over time");
                        }
                        if (aggs.contains("terms:township") && aggs.stream().anyMatch(a -> a.startsWith("terms:catalogItem"))) {
                            views.add("matters by township");
                        }
                    }
                }
            }
        }
        assertTrue(ids.containsAll(referenced), "every reference resolves: " + referenced + " in " + ids);
        assertEquals(Set.of("map", "channels over time", "matters by township"), views);
    }

    /** A dotted field ({@code catalogItem.name}) in a mapping's properties. */
    private static JsonNode resolve(JsonNode properties, String field) {
        JsonNode node = properties;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            node = node.path(parts[i]);
            if (i < parts.length - 1) {
                node = node.path("properties");
            }
        }
        return node;
    }
}
