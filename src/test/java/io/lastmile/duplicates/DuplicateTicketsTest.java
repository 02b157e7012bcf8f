package io.lastmile.duplicates;

import io.lastmile.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One problem, many callers, end to end: tickets come in at the edge (the grid platform, an
 * operator), detection runs from {@code ticket-events}, and what people see is the ticket, its
 * timeline and {@code GET /api/v1/tickets/{number}/similar}.
 */
@QuarkusTest
class DuplicateTicketsTest {

    /** 1° of latitude in meters; a degree of longitude here is cos(28.6°) of it. */
    private static final double LAT_M = 1 / 111_195.0;
    private static final double LON_M = LAT_M / Math.cos(Math.toRadians(28.6));

    private static JsonPath ticket(String number) {
        return Api.dispatcher().when().get("/api/v1/tickets/" + number).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath similar(String number) {
        return Api.dispatcher().when().get("/api/v1/tickets/" + number + "/similar").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void threeCallersAboutOneFallenTreeEndAsOneProblemWithThreeLinkedTickets() {
        double lon = 112.0490;
        double lat = 28.6000;
        String first = Api.reportFromGrid("花桥港村村口大树被风刮倒，横在道路中间，车辆无法通行", lon, lat, 55);
        String ditch = Api.reportFromGrid("村口道路边的水沟堵了，下雨积水漫到路面", lon + 50 * LON_M, lat, 40);
        String second = Api.reportFromGrid("村口那棵大树倒了，把路堵死了，道路不通，请赶紧处理", lon + 40 * LON_M, lat + 20 * LAT_M, 30);
        String third = Api.reportFromGrid("花桥港村道路上有倒下的大树挡路，摩托车过不去", lon + 80 * LON_M, lat - 30 * LAT_M, 5);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(first, ticket(second).getString("mergedInto"));
            assertEquals(first, ticket(third).getString("mergedInto"));
        });
        JsonPath linked = ticket(third);
        assertEquals("MERGED", linked.getString("status"));
        assertEquals(first, linked.getString("linkedTo.ticketNumber"), "the caller follows the primary's progress");
        assertEquals("RECEIVED", linked.getString("linkedTo.status"));
        Api.dispatcher().when().get("/api/v1/tickets/" + third + "/timeline").then().statusCode(200)
                .body("find { it.type == 'TicketMerged' }.actor", equalTo("duplicate-detection"));

        JsonPath problem = similar(first);
        assertEquals(List.of(third, second).stream().sorted().toList(), problem.getList("items.findAll { it.linked }.ticketNumber",
                String.class).stream().sorted().toList(), problem.prettify());
        problem.getList("items.findAll { it.linked }", Map.class).forEach(item -> {
            assertEquals("LATER", item.get("relation"));
            assertEquals("AUTO_LINKED", item.get("decision"));
            assertTrue(((Number) item.get("score")).doubleValue() >= 0.36, item.toString());
        });

        // The blocked ditch 50 m away is another problem: never linked, whatever was checked.
        assertEquals("RECEIVED", ticket(ditch).getString("status"));
        assertFalse(similar(ditch).getList("items.linked", Boolean.class).contains(true));
        assertEquals(null, ticket(first).getString("mergedInto"));
    }

    @Test
    void aDispatcherUndoesAWrongLinkAndTheTicketGoesBackToItsOwnWay() {
        double lon = 112.0650;
        double lat = 28.6150;
        String first = Api.reportFromGrid("兴坪村通村公路塌方，一段路面塌陷，车过不去", lon, lat, 50);
        String second = Api.reportFromGrid("兴坪村公路路面塌方了，很危险，车过不去", lon + 60 * LON_M, lat, 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.equals(ticket(second).getString("mergedInto")));

        Api.dispatcher().body("{}").when().post("/api/v1/tickets/" + second + "/unmerge")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        Api.dispatcher().body("{\"reason\": \"不是同一处塌方\"}").when().post("/api/v1/tickets/" + second + "/unmerge")
                .then().statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("mergedInto", nullValue());
        Api.dispatcher().when().get("/api/v1/tickets/" + second + "/timeline").then().statusCode(200)
                .body("type", hasItem("TicketUnmerged"))
                .body("find { it.type == 'TicketUnmerged' }.actor", equalTo("dispatcher"));
        JsonPath after = similar(first);
        assertEquals(Boolean.FALSE, after.get("items.find { it.ticketNumber == '" + second + "' }.linked"));
        assertEquals("AUTO_LINKED", after.getString("items.find { it.ticketNumber == '" + second + "' }.decision"));
    }

    @Test
    void belowTheThresholdADispatcherAcceptsOrDismissesTheSuggestion() {
        // Operators' tickets carry the village centre, not the caller's position: suggestions only.
        String first = Api.createTicket("修山村三组路灯坏了，晚上不亮", "桃江县修山镇修山村三组");
        String again = Api.createTicket("修山村三组路灯晚上不亮，坏了好几天", "桃江县修山镇修山村三组");
        await().atMost(Duration.ofSeconds(60)).until(() -> similar(again).getList("items.ticketNumber").contains(first));
        JsonPath suggestion = similar(again);
        assertEquals("SUGGESTED", suggestion.getString("items.find { it.ticketNumber == '" + first + "' }.decision"));
        assertEquals(Boolean.FALSE, suggestion.get("items.find { it.ticketNumber == '" + first + "' }.linked"));
        assertEquals("RECEIVED", ticket(again).getString("status"));

        Api.dispatcher().when().post("/api/v1/tickets/" + again + "/similar/" + first + "/accept")
                .then().statusCode(200).body("status", equalTo("MERGED")).body("mergedInto", equalTo(first));
        assertEquals("ACCEPTED", similar(first).getString("items.find { it.ticketNumber == '" + again + "' }.decision"));
        assertEquals(Boolean.TRUE, similar(first).get("items.find { it.ticketNumber == '" + again + "' }.linked"));

        String third = Api.createTicket("修山村三组路灯不亮，晚上很黑", "桃江县修山镇修山村三组");
        await().atMost(Duration.ofSeconds(60)).until(() -> similar(third).getList("items.ticketNumber").contains(first));
        Api.dispatcher().when().post("/api/v1/tickets/" + third + "/similar/" + first + "/dismiss").then().statusCode(204);
        assertEquals("DISMISSED", similar(third).getString("items.find { it.ticketNumber == '" + first + "' }.decision"));
        assertEquals("RECEIVED", ticket(third).getString("status"));
    }

    @Test
    void unknownTicketsAndPairsAreNamed() {
        Api.dispatcher().when().get("/api/v1/tickets/430922-00000000-000000/similar").then().statusCode(404);
        String lonely = Api.createTicket("资江边有人钓鱼", "桃江县桃花江镇");
        Api.dispatcher().when().post("/api/v1/tickets/" + lonely + "/similar/430922-00000000-000000/accept")
                .then().statusCode(404).body("errors[0].field", equalTo("other"));
    }
}
