package io.lastmile.ticket;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business gauges at {@code /q/metrics} say what PostgreSQL says: open tickets by state, and those with a card. */
@QuarkusTest
class OpenTicketGaugesTest {

    private static final Pattern GAUGE = Pattern.compile("(?m)^lastmile_tickets_(open|cards_open)\\{(?:card|status)=\"([A-Z_]+)\"} ([0-9.E+-]+)$");

    @Inject
    TestStack stack;

    @Test
    void openTicketsByStateAndCardMatchADirectCount() {
        Api.createTicket("修山镇花桥港村路灯不亮 在办统计", "桃江县修山镇花桥港村");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Long> counted = counted();
            Map<String, Long> exported = new HashMap<>();
            Matcher m = GAUGE.matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
            while (m.find()) {
                exported.put(m.group(1) + " " + m.group(2), (long) Double.parseDouble(m.group(3)));
            }
            assertTrue(exported.keySet().containsAll(java.util.List.of("open RECEIVED", "open DISPATCHED", "cards_open YELLOW",
                    "cards_open RED")), "every state and card is a series: " + exported.keySet());
            assertTrue(counted.values().stream().mapToLong(Long::longValue).sum() > 0, "there are open tickets: " + counted);
            // Every series equals the count; a state or card with no ticket is 0, never missing.
            exported.forEach((series, value) -> assertEquals(counted.getOrDefault(series, 0L), value, series));
            counted.forEach((series, value) -> assertEquals(value, exported.get(series), series + " is exported"));
        });
    }

    private Map<String, Long> counted() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = stack.database(); Statement query = db.createStatement()) {
            try (ResultSet r = query.executeQuery("SELECT status, count(*) FROM ticket"
                    + " WHERE status NOT IN ('CLOSED', 'REVISITED', 'MERGED') GROUP BY status")) {
                while (r.next()) {
                    counts.put("open " + r.getString(1), r.getLong(2));
                }
            }
            try (ResultSet r = query.executeQuery("SELECT card, count(*) FROM ticket"
                    + " WHERE status NOT IN ('CLOSED', 'REVISITED', 'MERGED') AND card <> 'NONE' GROUP BY card")) {
                while (r.next()) {
                    counts.put("cards_open " + r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }
}
