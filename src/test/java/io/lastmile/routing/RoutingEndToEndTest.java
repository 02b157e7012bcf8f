package io.lastmile.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** Tickets come in owned: routing applied at intake, visible in the API and the search index, changed by admins live. */
@QuarkusTest
class RoutingEndToEndTest {

    @ConfigProperty(name = "quarkus.elasticsearch.hosts")
    String searchHost;

    private static String fresh12345(String text) {
        try (InputStream in = RoutingEndToEndTest.class.getResourceAsStream("/samples/12345.json")) {
            String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"))
                    .format(Instant.now().minusSeconds(600));
            String sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("TJ12345-20261122-0042", "TJ12345-" + UUID.randomUUID())
                    .replace("2026-11-22 09:14:03", local);
            return text == null ? sample : sample.replace("修山镇花桥港村村口路灯连续三晚不亮，夜间行人不便，请尽快维修。", text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String post12345(String body) {
        return asSource().contentType(ContentType.JSON).body(body).when().post("/api/v1/intake/12345")
                .then().statusCode(201).extract().path("ticketNumber");
    }

    /** What an admin's GET answers in ETag: the If-Match of the next change. */
    static String etag(String path) {
        return as("admin").when().get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void streetLightSampleIsOwnedBy修山镇AndFoundThereInSearch() {
        String number = post12345(fresh12345(null));
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("township", equalTo("修山镇"))
                .body("village", equalTo("花桥港村"))
                .body("unit.code", equalTo("430922104-BMFW"))
                .body("unit.name", equalTo("修山镇便民服务中心"))
                .body("catalogItem.code", equalTo("CS-0105"))
                .body("location.precision", equalTo("VILLAGE"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri("http://" + searchHost)
                .contentType(ContentType.JSON)
                .body("{\"query\": {\"bool\": {\"filter\": [{\"term\": {\"ticketNumber\": \"" + number + "\"}},"
                        + " {\"term\": {\"township\": \"修山镇\"}}, {\"term\": {\"unit.code\": \"430922104-BMFW\"}}]}}}")
                .when().post("/tickets/_search")
                .then().statusCode(200).body("hits.total.value", equalTo(1)));
    }

    @Test
    void callNamingOnly大栗港镇兴坪村IsOwnedIn大栗港镇() {
        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"大栗港镇兴坪村自来水停水三天，家中有老人\", \"kind\": \"求助\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then()
                .body("township", equalTo("大栗港镇"))
                .body("unit.code", equalTo("430922105-BMFW"))
                .body("routedBy", equalTo("address-text"));
    }

    @Test
    void aOffDutySendsTheNextTicketToBWithoutARestart() {
        String post = "/api/v1/admin/posts/430922104-BMFW/受理岗/duty";
        try {
            as("admin").contentType(ContentType.JSON).header("If-Match", etag(post))
                    .body("{\"aOnDuty\": false, \"bOnDuty\": true}")
                    .when().put(post).then().statusCode(200);
            String number = post12345(fresh12345(null));
            as("dispatcher").when().get("/api/v1/tickets/" + number).then().body("assignee", equalTo("official-xiushan-b"));
        } finally {
            as("admin").contentType(ContentType.JSON).header("If-Match", etag(post))
                    .body("{\"aOnDuty\": true, \"bOnDuty\": true}")
                    .when().put(post).then().statusCode(200);
        }
        String number = post12345(fresh12345(null));
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().body("assignee", equalTo("official-xiushan"));
    }

    @Test
    void newCatalogItemClassifiesTheNextTicketAndAnInconsistentOneIsRefused() {
        String item = """
                {"name": "犬只伤人处置", "windowCategory": "公安户籍", "handlingLevel": "county",
                 "owningDepartment": "430922-GAJ", "legalLimitDays": 5, "promisedLimitDays": 1,
                 "clockPolicy": "calendar-hours", "delegationMode": "直接赋权", "documents": [],
                 "rules": {"keywords": ["犬只伤人"]}}""";
        try {
            as("admin").contentType(ContentType.JSON).header("If-Match", etag("/api/v1/admin/catalog"))
                    .body(item).when().put("/api/v1/admin/catalog/items/GA-009")
                    .then().statusCode(200).body("versions.catalog", greaterThan(1));
            String number = post12345(fresh12345("修山镇花桥港村有犬只伤人，请派人处理。"));
            as("dispatcher").when().get("/api/v1/tickets/" + number).then()
                    .body("catalogItem.code", equalTo("GA-009"))
                    .body("unit.code", equalTo("430922-GAJ"));
            as("dispatcher").when().get("/api/v1/catalog/GA-009").then().statusCode(200).body("name", equalTo("犬只伤人处置"));
        } finally {
            as("admin").header("If-Match", etag("/api/v1/admin/catalog"))
                    .when().delete("/api/v1/admin/catalog/items/GA-009").then().statusCode(200);
        }
        as("admin").contentType(ContentType.JSON).header("If-Match", etag("/api/v1/admin/catalog"))
                .body(item.replace("\"promisedLimitDays\": 1", "\"promisedLimitDays\": 9"))
                .when().put("/api/v1/admin/catalog/items/GA-010")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("promised limit"));
        as("dispatcher").when().get("/api/v1/catalog/GA-010").then().statusCode(404);
    }

    @Test
    void anOperatorSeesWhichMatterACallIsAboutAndWhichWordsDecided() {
        as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"村口大樟树被风刮倒了，横在路上\", \"address\": \"修山镇花桥港村\"}")
                .when().post("/api/v1/catalog/classification").then().statusCode(200)
                .body("code", equalTo("CS-0401"))
                .body("confidence", greaterThan(0.5f))
                .body("candidates[0].evidence.text", org.hamcrest.Matchers.hasItem("刮倒"));
        as("operator").contentType(ContentType.JSON).body("{\"text\": \"请问县政务中心周六上班吗\"}")
                .when().post("/api/v1/catalog/classification").then().statusCode(200)
                .body("code", equalTo(null));
        as("operator").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/catalog/classification").then().statusCode(400);
    }

    @Test
    void jurisdictionsReloadThroughTheAdminApiAndBrokenOnesAreRefused() {
        var read = as("admin").when().get("/api/v1/admin/jurisdictions").then().statusCode(200).extract();
        String changed = as("admin").contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(read.asString())
                .when().put("/api/v1/admin/jurisdictions")
                .then().statusCode(200).body("versions.jurisdictions", greaterThan(1)).extract().header("ETag");
        as("admin").contentType(ContentType.JSON).header("If-Match", changed)
                .body("{\"type\": \"FeatureCollection\", \"features\": []}")
                .when().put("/api/v1/admin/jurisdictions")
                .then().statusCode(422).body("detail", containsString("features"));
    }
}
