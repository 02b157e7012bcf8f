package io.lastmile.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.TestStack;
import io.lastmile.kpi.LiveKpis;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The screens' tiles come from the live KPIs: their three rates are this month's 签收率, 按时办结率
 * and 满意率 as the assessment reports them, and the open tickets and their cards are those in
 * PostgreSQL now; a unit's screen counts its own units, as the unit's report does.
 */
@QuarkusTest
class ScreenTilesTest {

    @Inject
    ScreenSnapshots snapshots;

    @Inject
    LiveKpis live;

    @Inject
    TestStack stack;

    @Test
    void theTilesAreThisMonthsAssessmentAndTheOpenTicketsNow() {
        await().atMost(Duration.ofSeconds(60)).until(live::ready);
        String month = YearMonth.now(TicketView.SHOWN_IN).toString();
        // Quiet for a moment: other tests' events may still be arriving.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ObjectNode tiles = snapshots.tiles(TicketScope.EVERYTHING).await().atMost(Duration.ofSeconds(5));
            JsonPath county = as("supervisor").when().get("/api/v1/reports/assessment?by=county&month=" + month).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(month, tiles.get("rateMonth").asText());
            assertEquals(percent(county, "signedFor"), number(tiles, "signForRate"), "签收率");
            assertEquals(percent(county, "resolvedOnTime"), number(tiles, "onTimeRate"), "按时办结率");
            assertEquals(percent(county, "satisfied"), number(tiles, "satisfactionRate"), "满意率");
            assertEquals(direct("SELECT count(*) FROM ticket WHERE status IN ('RECEIVED', 'REGISTERED', 'DISPATCHED', 'SIGNED_FOR',"
                    + " 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'WAITING_FOR_DOCUMENTS', 'RETURNED')"), tiles.get("open").asLong(), "open");
            assertEquals(direct("SELECT count(*) FROM ticket WHERE card = 'RED' AND status IN ('RECEIVED', 'REGISTERED', 'DISPATCHED',"
                    + " 'SIGNED_FOR', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'WAITING_FOR_DOCUMENTS', 'RETURNED')"), tiles.get("openRed").asLong(), "red");
            assertEquals(direct("SELECT count(*) FROM ticket WHERE (received_at AT TIME ZONE 'Asia/Shanghai')::date"
                    + " = (now() AT TIME ZONE 'Asia/Shanghai')::date"), tiles.get("today").asLong(), "today");
        });
        TicketScope xiushan = TicketScope.of(java.util.Set.of("430922104-BMFW"), "430922104");
        ObjectNode unitTiles = snapshots.tiles(xiushan).await().atMost(Duration.ofSeconds(5));
        JsonPath unit = as("supervisor").when().get("/api/v1/reports/assessment?by=county&unit=430922104-BMFW&month=" + month)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(percent(unit, "signedFor"), number(unitTiles, "signForRate"), "the unit's 签收率");
    }

    private static Double percent(JsonPath report, String rate) {
        Object value = report.get("rows[0].rates." + rate);
        return value == null ? null : Math.round(((Number) value).doubleValue() * 1000.0) / 10.0;
    }

    private static Double number(ObjectNode tiles, String name) {
        return tiles.get(name).isNull() ? null : tiles.get(name).asDouble();
    }

    private long direct(String sql) throws Exception {
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement(sql); ResultSet r = query.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
