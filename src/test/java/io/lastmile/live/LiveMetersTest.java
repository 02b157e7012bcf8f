package io.lastmile.live;

import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live feeds' meters at {@code /q/metrics} follow what the sockets do: open screens, and each new ticket's way to them. */
@QuarkusTest
class LiveMetersTest {

    @TestHTTPResource("/api/v1/live/command-center")
    URI commandCenter;

    @Test
    void openScreensAndTheIntakeToScreenDelayAreMetered() throws Exception {
        double receivedBefore = metric("lastmile_live_intake_to_screen_seconds_count", "");
        assertTrue(receivedBefore >= 0, "the histogram is published before its first ticket");
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket screen = LiveScreens.connect(CommandCenterFeedTest.ws(commandCenter), DemoLogins.token("dispatcher"), messages);
        double open = await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("lastmile_live_sockets", "endpoint=\"command-center\""), n -> n >= 1);

        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村路灯不亮 " + UUID.randomUUID() + "\", \"kind\": \"求助\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        await().atMost(Duration.ofSeconds(30)).until(() -> CommandCenterFeedTest.delta(messages, number) != null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("lastmile_live_intake_to_screen_seconds_count", ""), n -> n >= receivedBefore + 1);
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(text.contains("lastmile_live_intake_to_screen_seconds_bucket{"), "buckets, for a p95 across replicas");
        assertTrue(metric("lastmile_live_intake_to_screen_seconds_sum", "") > 0, "the delay is a time, not a count");

        screen.abort();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("lastmile_live_sockets", "endpoint=\"command-center\""), n -> n < open);
    }

    /** The value of one series; {@code labels} is a label pair it must carry, or empty for a series without labels. */
    private static double metric(String name, String labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name)
                + (labels.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*}") + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
