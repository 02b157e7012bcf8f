package io.lastmile.kpi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.Api;
import io.lastmile.ticket.KpiQueries;
import io.lastmile.ticket.TicketView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live KPIs through the topic: steps taken over REST reach them as events on
 * {@code ticket-events}, and within seconds the month's live figures equal the assessment's, by
 * county and by unit, every count. (The fixture of {@link AssessmentFiguresTest} pins the figures
 * themselves against the hand-computed values.)
 */
@QuarkusTest
class LiveKpisTest {

    private static final String XIUSHAN = "430922104-BMFW";

    @Inject
    LiveKpis live;

    @Inject
    ObjectMapper json;

    @Test
    void stepsTakenOverRestMoveTheLiveFiguresToTheReportsOwn() {
        await().atMost(Duration.ofSeconds(60)).until(live::ready);
        YearMonth month = YearMonth.now(TicketView.SHOWN_IN);
        KpiQueries.Counts before = county(month);

        String number = Api.createTicket("修山镇花桥港村路灯不亮 " + UUID.randomUUID().toString().substring(0, 8), "桃江县修山镇花桥港村");
        String status = Api.dispatcher().when().get("/api/v1/tickets/" + number).then().statusCode(200).extract().path("status");
        if ("RECEIVED".equals(status)) {
            Api.dispatcher().body("{}").when().post("/api/v1/tickets/" + number + "/register").then().statusCode(200);
        }
        Api.dispatcher().body("{\"unitCode\": \"" + XIUSHAN + "\"}").when().post("/api/v1/tickets/" + number + "/dispatch")
                .then().statusCode(200);
        Api.as("official-xiushan").body("{}").when().post("/api/v1/tickets/" + number + "/sign-for").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            KpiQueries.Counts now = county(month);
            assertTrue(now.received() >= before.received() + 1, "the new ticket counted: " + now);
            assertTrue(now.handOvers() >= before.handOvers() + 1, "its dispatch counted: " + now);
            assertTrue(now.signedFor() >= before.signedFor() + 1, "its sign-for counted: " + now);
            for (KpiQueries.Dimension dimension : List.of(KpiQueries.Dimension.COUNTY, KpiQueries.Dimension.UNIT)) {
                JsonPath report = as("supervisor").when().get("/api/v1/reports/assessment?month=" + month + "&by="
                        + dimension.name().toLowerCase()).then().statusCode(200).extract().jsonPath();
                List<KpiQueries.Counts> counted = live.counts(month, dimension, null);
                assertEquals(report.getList("rows.key"), counted.stream().map(KpiQueries.Counts::key).toList(), dimension + " groups");
                for (KpiQueries.Counts c : counted) {
                    Map<String, Object> reported = report.getMap("rows.find { it.key == '" + c.key() + "' }.counts");
                    json.convertValue(c, new TypeReference<Map<String, Object>>() { }).forEach((name, value) -> {
                        if (value instanceof Double seconds) {
                            assertEquals(((Number) reported.get(name)).doubleValue(), seconds, 1.0, c.key() + " " + name);
                        } else if (!"key".equals(name)) {
                            assertEquals(((Number) reported.get(name)).longValue(), ((Number) value).longValue(), c.key() + " " + name);
                        }
                    });
                }
            }
        });
    }

    private KpiQueries.Counts county(YearMonth month) {
        List<KpiQueries.Counts> counts = live.counts(month, KpiQueries.Dimension.COUNTY, null);
        return counts.isEmpty() ? new KpiQueries.Counts("430922", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : counts.get(0);
    }
}
