package io.lastmile.ticket;

import io.lastmile.live.LiveScreens;
import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The whole slice end to end on the real servers: a ticket created over REST is in PostgreSQL,
 * reaches the search index through the outbox and Kafka, and is pushed to a connected screen.
 */
@QuarkusTest
class TicketSliceTest {

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    @ConfigProperty(name = "quarkus.elasticsearch.hosts")
    String searchHost;

    @Test
    void ticketCreatedByAnOperatorReachesDatabaseSearchIndexAndLiveScreen() throws Exception {
        List<String> pushed = new CopyOnWriteArrayList<>();
        WebSocket screen = LiveScreens.connect(URI.create(liveFeed.toString().replaceFirst("^http", "ws")),
                DemoLogins.token("dispatcher"), pushed);
        String marker = "路灯" + UUID.randomUUID().toString().substring(0, 8);

        String number = as("operator").contentType(ContentType.JSON)
                .body("""
                        {"text": "修山镇花桥港村村口路灯连续三晚不亮 %s", "address": "桃江县修山镇花桥港村村口",
                         "kind": "投诉", "urgency": "NORMAL", "callerName": "张先生", "callerPhone": "139-0737-1234"}"""
                        .formatted(marker))
                .when().post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/tickets/430922-\\d{8}-\\d{6}$"))
                .body("channel", equalTo("12345"))
                .body("status", equalTo("RECEIVED"))
                .body("receivedAt", matchesPattern(".*\\+08:00$"))
                .extract().path("ticketNumber");

        // PostgreSQL: read back through the API, which reads the database.
        as("dispatcher").when().get("/api/v1/tickets/" + number)
                .then().statusCode(200)
                .body("ticketNumber", equalTo(number))
                .body("address", equalTo("桃江县修山镇花桥港村村口"))
                .body("version", equalTo(1));

        // The search node: found by a two-character Chinese word in the text.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .baseUri("http://" + searchHost)
                .contentType(ContentType.JSON)
                .body("""
                        {"query": {"bool": {"must": [{"match": {"text": "路灯"}}],
                                            "filter": [{"term": {"ticketNumber": "%s"}}]}}}""".formatted(number))
                .when().post("/tickets/_search")
                .then().statusCode(200)
                .body("hits.total.value", equalTo(1))
                .body("hits.hits[0]._source.lastEventType", equalTo("TicketReceived"))
                .body("hits.hits[0]._source.contactPhone", equalTo("139****1234"))
                .body("hits.hits[0]._source.contactName", equalTo("张**")));

        // The screen: the TicketReceived envelope with the ticket's public view.
        await().atMost(Duration.ofSeconds(60)).until(() -> pushed.stream().anyMatch(m -> m.contains(number)));
        JsonPath event = JsonPath.from(pushed.stream().filter(m -> m.contains(number)).findFirst().orElseThrow());
        assertEquals("TicketReceived", event.getString("type"));
        assertEquals(1, event.getInt("version"));
        assertEquals(number, event.getString("ticket.ticketNumber"));
        assertEquals("139****1234", event.getString("ticket.contact.phone"), "events carry the contact masked");
        assertFalse(pushed.stream().anyMatch(m -> m.contains("13907371234")), "no screen ever sees the number in clear");
        screen.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void sameIdempotencyKeyAnswersTheSameTicketInsteadOfASecondOne() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"text": "咨询：大栗港镇兴坪村新农合缴费时间", "kind": "咨询"}""";
        String first = as("operator").contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/tickets")
                .then().statusCode(201).extract().path("ticketNumber");
        String second = as("operator").contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/tickets")
                .then().statusCode(200).extract().path("ticketNumber");
        assertEquals(first, second);
    }

    @Test
    void overlongIdempotencyKeyIsRefused() {
        as("operator").contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(101))
                .body("{\"text\": \"咨询\", \"kind\": \"咨询\"}")
                .when().post("/api/v1/tickets")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void ticketWithoutTextIsRefusedWithAProblemNamingTheField() {
        as("operator").contentType(ContentType.JSON).body("""
                        {"text": "  ", "kind": "抱怨"}""")
                .when().post("/api/v1/tickets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("kind", "text")))
                .body("errors[1].message", startsWith("诉求内容不能为空"));
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        as("operator").contentType(ContentType.JSON).body("{\"text\": ")
                .when().post("/api/v1/tickets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", matchesPattern(".*line 1, column \\d+.*"));
    }

    @Test
    void unknownTicketNumberIsNotFoundWithAProblem() {
        as("dispatcher").when().get("/api/v1/tickets/430922-19990101-000001")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", matchesPattern(".*430922-19990101-000001.*"));
    }
}
