package io.lastmile.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 12315 rules from the edge to what users read: a complaint taken in from the 12315 platform
 * gets its acceptance (sign-for) deadline 7 working days after its receipt and its mediation
 * deadline 45 working days after the sign-for, as the calendar API counts them; the catalog API
 * shows each stage's rules; an upload with a broken clock is refused and changes nothing.
 */
@QuarkusTest
class ChannelClocksEndToEndTest {

    @Test
    void a12315ComplaintIsToBeAcceptedWithin7WorkingDaysOfReceiptAndMediatedWithin45OfAcceptance() throws IOException {
        String number = asSource().contentType(ContentType.JSON).body(fresh12315Complaint())
                .when().post("/api/v1/intake/12315").then().statusCode(201).extract().path("ticketNumber");
        JsonPath received = as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("catalogItem.code", equalTo("SJ-001"))
                .body("kind", equalTo("COMPLAINT"))
                .extract().jsonPath();

        JsonPath dispatched = as("dispatcher").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200).extract().jsonPath();
        assertEquals(workingDaysAfter(received.getString("receivedAt"), 7), instant(dispatched.getString("timeLimits.signFor")),
                "受理: 7 working days from receipt, not 24 h from the dispatch");

        as("dispatcher").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/sign-for").then().statusCode(200);
        String signedFor = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .extract().jsonPath().getString("find { it.type == 'TicketSignedFor' }.occurredAt");
        JsonPath read = as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("timeLimits.card", equalTo("NONE")).extract().jsonPath();
        assertEquals(workingDaysAfter(signedFor, 45), instant(read.getString("timeLimits.completion")),
                "调解: 45 working days from the acceptance, not SJ-001's promised 3");
        assertEquals(read.getString("timeLimits.completion"), read.getString("deadline"));
    }

    @Test
    void theCatalogShowsAMattersStageRulesInTheOrderTheyAreTried() {
        as("operator").when().get("/api/v1/catalog/SJ-001").then().statusCode(200)
                .body("name", equalTo("消费投诉举报处理"))
                .body("stages.find { it.stage == 'signFor' }.source", equalTo("channel"))
                .body("stages.find { it.stage == 'signFor' }.appliesTo", equalTo("12315 COMPLAINT"))
                .body("stages.find { it.stage == 'signFor' }.limit", equalTo(7))
                .body("stages.find { it.stage == 'signFor' }.counting", equalTo("working-days"))
                .body("stages.find { it.stage == 'signFor' }.from", equalTo("receipt"))
                .body("stages.find { it.stage == 'signFor' }.basis", containsString("市场监督管理投诉举报处理暂行办法"))
                .body("stages.findAll { it.stage == 'completion' }.source", equalTo(java.util.List.of("channel", "channel",
                        "promised")));
        as("operator").when().get("/api/v1/catalog/NL-001").then().statusCode(200)
                .body("clocks.signFor.limit", equalTo(1))
                .body("stages.source", everyItem(equalTo("matter")))
                .body("stages.stage", equalTo(java.util.List.of("queue", "signFor", "completion")));
    }

    @Test
    void anUploadedCatalogWithAnUnknownChannelIsRefusedNamingItAndChangesNothing() {
        var read = as("admin").when().get("/api/v1/admin/catalog").then().statusCode(200).extract();
        String broken = read.asString().replace("\"channel\":\"12315\"", "\"channel\":\"12316\"");
        as("admin").contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(broken)
                .when().put("/api/v1/admin/catalog").then().statusCode(422)
                .body("detail", containsString("channelClocks[0].channel: unknown channel '12316'"));
        as("admin").when().get("/api/v1/admin/catalog").then().statusCode(200).header("ETag", equalTo(read.header("ETag")));
    }

    /** The deadline the calendar API gives for {@code days} working days after a moment the ticket view showed. */
    private static Instant workingDaysAfter(String from, int days) {
        return instant(as("dispatcher").queryParam("from", from).queryParam("amount", days).queryParam("unit", "working-days")
                .when().get("/api/v1/calendar/deadline").then().statusCode(200).extract().path("deadline"));
    }

    private static Instant instant(String shown) {
        return OffsetDateTime.parse(shown).toInstant();
    }

    /** The 12315 sample with its own id, text and a receipt an hour ago. */
    private static String fresh12315Complaint() throws IOException {
        try (InputStream in = ChannelClocksEndToEndTest.class.getResourceAsStream("/samples/12315.json")) {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            String hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                    .atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("3209222026112200001", "3209-clocks-" + unique)
                    .replace("2026-11-22T09:20:11+08:00", hourAgo)
                    .replace("商家拒绝退换。", "商家拒绝退换。" + unique);
        }
    }
}
