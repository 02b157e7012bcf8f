package io.lastmile.search;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index rebuilt from PostgreSQL (a new index, an alias switch, nothing lost), an alias left on an
 * older mapping version moved by itself, and the reconciliation repairing what the indexer missed.
 */
@QuarkusTest
class ReindexAndReconcileTest {

    @jakarta.inject.Inject
    TestStack stack;

    @Test
    void aReindexCopiesEveryTicketIntoANewIndexAndSwitchesTheAlias() {
        String marker = "mk" + UUID.randomUUID().toString().substring(0, 8);
        String number = Api.createTicket("桃花江镇人民路路灯不亮 " + marker, "桃江县桃花江镇");
        await().atMost(Duration.ofSeconds(60)).until(() -> found(marker) == 1);
        List<String> before = aliased();
        // What a rebuild on a replica that died would leave: an index no alias points to.
        search().when().put("/tickets-v3-orphan").then().statusCode(200);

        String location = Api.as("admin").when().post("/api/v1/admin/search/reindex")
                .then().statusCode(202)
                .body("phase", equalTo("COPYING"))
                .body("targetIndex", startsWith("tickets-v3-"))
                .extract().header("Location");
        JsonPath job = awaitDone(location);
        assertEquals(job.getLong("total"), job.getLong("done"), job.prettify());
        assertEquals(ticketsInDatabase(), job.getLong("done"));
        assertEquals(List.of(job.getString("targetIndex")), aliased());
        before.forEach(old -> given().baseUri(stack.searchUri()).when().head("/" + old).then().statusCode(404));
        search().when().head("/tickets-v3-orphan").then().statusCode(404);
        assertEquals(1, found(marker));
        Api.dispatcher().when().get("/api/v1/search?q=" + marker).then().statusCode(200)
                .body("hits[0].ticketNumber", equalTo(number));
        Api.as("admin").when().get("/api/v1/admin/search/reindex").then().statusCode(200)
                .body("id", equalTo(job.getString("id")));
        Api.as("admin").when().get("/api/v1/admin/search/reindex/not-a-job").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void aSecondReindexWhileOneRunsIsRefusedWithTheRunningJob() throws Exception {
        UUID running = UUID.randomUUID();
        try (Connection c = stack.database(); Statement s = c.createStatement()) {
            // A job another replica runs right now (its heartbeat is fresh).
            s.executeUpdate("INSERT INTO search_reindex_job (id, target_index, phase, total, started_at, heartbeat_at, requested_by)"
                    + " VALUES ('" + running + "', 'tickets-v3-elsewhere', 'COPYING', 10, now(), now(), 'replica-2')");
            try {
                Api.as("admin").when().post("/api/v1/admin/search/reindex")
                        .then().statusCode(409)
                        .contentType(startsWith("application/problem+json"))
                        .body("job.id", equalTo(running.toString()))
                        .body("job.phase", equalTo("COPYING"));
            } finally {
                s.executeUpdate("DELETE FROM search_reindex_job WHERE id = '" + running + "'");
            }
        }
    }

    @Test
    void anAliasOnAnOlderMappingVersionIsMovedToTheCurrentOneByAReindex() {
        // An index of the previous version, as a service before this one left it.
        search().body("{\"mappings\": {\"properties\": {\"ticketNumber\": {\"type\": \"keyword\"}}}}")
                .when().put("/tickets-v1").then().statusCode(200);
        String actions = aliased().stream().map(i -> "{\"remove\": {\"index\": \"" + i + "\", \"alias\": \"tickets\"}},")
                .reduce("", String::concat) + "{\"add\": {\"index\": \"tickets-v1\", \"alias\": \"tickets\", \"is_write_index\": true}}";
        search().body("{\"actions\": [" + actions + "]}").when().post("/_aliases").then().statusCode(200);

        String job = Api.as("admin").when().post("/api/v1/admin/search/reconcile")
                .then().statusCode(200).extract().path("reindexJob");
        JsonPath done = awaitDone("/api/v1/admin/search/reindex/" + job);
        assertTrue(done.getString("requestedBy").contains("older mapping version"));
        assertEquals(List.of(done.getString("targetIndex")), aliased());
        search().when().head("/tickets-v1").then().statusCode(404);
        assertEquals(ticketsInDatabase(), count());
    }

    @Test
    void theReconciliationRewritesMissingAndOlderDocuments() throws Exception {
        String marker = "mk" + UUID.randomUUID().toString().substring(0, 8);
        String missing = Api.createTicket("灰山港镇菜市场垃圾没人清运 " + marker, "桃江县灰山港镇");
        String stale = Api.createTicket("灰山港镇菜市场井盖缺失 " + marker, "桃江县灰山港镇");
        await().atMost(Duration.ofSeconds(60)).until(() -> found(marker) == 2);
        // The index loses one document, and PostgreSQL moves on without an event for the other.
        JsonPath lost = Api.dispatcher().get("/api/v1/tickets/" + missing).then().extract().jsonPath();
        search().when().delete("/tickets/_doc/" + lost.getString("id") + "?refresh=true&version_type=external_gte&version="
                + lost.getInt("version")).then().statusCode(200);
        try (Connection c = stack.database(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ticket SET version = version + 1, text = text || ' 已核实' WHERE ticket_number = '" + stale + "'");
        }
        assertEquals(1, found(marker));

        JsonPath result = Api.as("admin").when().post("/api/v1/admin/search/reconcile")
                .then().statusCode(200).body("ran", equalTo(true)).extract().jsonPath();
        assertTrue(result.getLong("repaired") >= 2, result.prettify()); // and any step the indexer has not written yet
        assertEquals(result.getLong("inDatabase"), result.getLong("inIndex"));
        assertEquals(2, found(marker));
        assertEquals(1, found("已核实 " + marker));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("lastmile_search_reconcile_repaired_total"));
    }

    private JsonPath awaitDone(String location) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            String phase = Api.as("admin").get(location).then().statusCode(200).extract().path("phase");
            assertTrue(!"FAILED".equals(phase), "the reindex failed");
            return "DONE".equals(phase);
        });
        return Api.as("admin").get(location).then().extract().jsonPath();
    }

    private io.restassured.specification.RequestSpecification search() {
        return given().baseUri(stack.searchUri()).contentType(ContentType.JSON);
    }

    private List<String> aliased() {
        Map<String, Object> aliases = search().when().get("/_alias/tickets").then().statusCode(200).extract().jsonPath().getMap("");
        return List.copyOf(aliases.keySet());
    }

    private long count() {
        search().post("/tickets/_refresh");
        return search().when().get("/tickets/_count").then().statusCode(200).extract().jsonPath().getLong("count");
    }

    private int found(String words) {
        return Api.dispatcher().when().get("/api/v1/search?q=" + words).then().statusCode(200).extract().path("total");
    }

    private long ticketsInDatabase() {
        try (Connection c = stack.database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM ticket")) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
