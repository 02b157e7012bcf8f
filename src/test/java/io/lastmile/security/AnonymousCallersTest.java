package io.lastmile.security;

import io.lastmile.TestStack;
import io.lastmile.live.LiveScreens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 14, item 3: a caller who asked not to be named (匿名: {@code sfnm}, or {@code anonymous} on
 * the console) is known by name and number to the hotline's operators and dispatchers only, who
 * may have to call back; the township official handling it, supervisors, admins, search and the
 * live feed see neither, not even masked.
 */
@QuarkusTest
class AnonymousCallersTest {

    @Inject
    TestStack stack;

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    @Test
    void anAnonymousCallersNameAndNumberReachOnlyTheHotline() throws Exception {
        List<String> screen = new CopyOnWriteArrayList<>();
        WebSocket socket = LiveScreens.connect(URI.create(liveFeed.toString().replaceFirst("^http", "ws")),
                DemoLogins.token("official-xiushan"), screen);
        try {
            String number = as("operator").contentType(ContentType.JSON).body("""
                            {"text": "修山镇花桥港村有人深夜非法采砂 %s", "kind": "举报", "callerName": "赵先生",
                             "callerPhone": "13907375555", "anonymous": true}""".formatted(UUID.randomUUID()))
                    .when().post("/api/v1/tickets").then().statusCode(201)
                    .body("contact.phone", equalTo("13907375555")).extract().path("ticketNumber");
            as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"430922104-BMFW\"}")
                    .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200)
                    .body("contact.phone", equalTo("13907375555"));

            as("operator").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                    .body("contact.name", equalTo("赵先生")).body("contact.phone", equalTo("13907375555"));
            for (String account : List.of("official-xiushan", "supervisor", "admin")) {
                as(account).when().get("/api/v1/tickets/" + number).then().statusCode(200)
                        .body("contact.anonymous", equalTo(true))
                        .body("contact.name", nullValue())
                        .body("contact.phone", nullValue());
            }
            as("official-xiushan").when().get("/api/v1/units/430922104-BMFW/inbox?size=200").then().statusCode(200)
                    .body("items.find { it.ticketNumber == '" + number + "' }.contact.phone", nullValue());
            as("official-xiushan").contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/tickets/" + number + "/sign-for").then().statusCode(200)
                    .body("contact.phone", nullValue());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(stack.searchUri())
                    .contentType(ContentType.JSON)
                    .body("{\"query\": {\"term\": {\"ticketNumber\": \"" + number + "\"}}}")
                    .when().post("/tickets/_search").then().statusCode(200)
                    .body("hits.hits[0]._source.version", equalTo(3))
                    .body("hits.hits[0]._source.contactName", nullValue())
                    .body("hits.hits[0]._source.contactPhone", nullValue())
                    .body("hits.hits[0]._source.anonymous", equalTo(true)));
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.stream().filter(m -> m.contains(number)).count() >= 3);
            // Not "5555" alone: other tests' coordinates, numbers and random texts on the same feed may hold it.
            assertFalse(screen.stream().anyMatch(m -> m.contains("7375555") || m.contains("*5555") || m.contains("赵")),
                    "the live feed carries no trace of the caller, not even masked");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
