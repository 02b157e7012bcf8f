package io.lastmile.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How long a RED kiosk press waits between its receipt and its dispatch by {@code system} (the
 * outbox relay, Kafka, the dispatch-at-receipt consumer and the step): both moments from the
 * ticket's own timeline. Run with {@code ./mvnw verify -Pbench -Dtest=DispatchAtReceiptBenchmark
 * -Dlastmile.sla.kiosk-red-pickup=5m} (the test profile's 2 s pick-up limit would send slow ones to
 * the county center first); {@code -Dbench.presses=N} changes the count (200). A press that something
 * else reached first is counted apart, with what happened to it.
 */
@QuarkusTest
class DispatchAtReceiptBenchmark {

    private static final int PRESSES = Integer.getInteger("bench.presses", 200);

    @Test
    void redKioskPressesAreDispatchedAtReceipt() throws Exception {
        String sample;
        try (InputStream in = DispatchAtReceiptBenchmark.class.getResourceAsStream("/samples/kiosk.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Instant base = Instant.now().minusSeconds(PRESSES + 60L);
        List<String> numbers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < PRESSES; i++) {
            String body = sample.replace("2026-11-22T10:11:00+08:00",
                    base.plusSeconds(i).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
            numbers.add(asSource().contentType(ContentType.JSON).body(body).when().post("/api/v1/intake/kiosk")
                    .then().statusCode(201).extract().path("ticketNumber"));
        }
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        List<Long> delays = new ArrayList<>();
        java.util.Map<String, Integer> otherwise = new java.util.TreeMap<>();
        for (String number : numbers) {
            // Settled: dispatched by system, or something else happened first.
            await().atMost(Duration.ofSeconds(120)).until(() -> timeline(number).getList("type").size() > 1);
            JsonPath timeline = timeline(number);
            if (!"TicketDispatched".equals(timeline.getString("[1].type"))) {
                otherwise.merge(timeline.getString("[1].type"), 1, Integer::sum);
                continue;
            }
            assertEquals("system", timeline.getString("[1].actor"));
            Instant received = OffsetDateTime.parse(timeline.getString("[0].occurredAt")).toInstant();
            Instant dispatched = OffsetDateTime.parse(timeline.getString("[1].occurredAt")).toInstant();
            delays.add(Duration.between(received, dispatched).toMillis());
        }
        delays.sort(Long::compare);
        System.out.printf("BENCH dispatch at receipt: %d RED kiosk presses sent in %.1f s; %d dispatched by system,"
                        + " receipt to dispatch p50 %d ms, p95 %d ms, max %d ms; reached first by something else: %s%n",
                PRESSES, sendSeconds, delays.size(), delays.get(delays.size() / 2),
                delays.get((int) Math.ceil(delays.size() * 0.95) - 1), delays.get(delays.size() - 1), otherwise);
    }

    private static JsonPath timeline(String number) {
        return as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .extract().jsonPath();
    }
}
