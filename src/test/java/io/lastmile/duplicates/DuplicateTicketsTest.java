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
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void villageOnlyCallersAboutOneFallenTreeBecomeOneIncidentAndAnUnrelatedCallStaysApart() {
        // Operators' calls: only the village as address, no position, each caller in their own words.
        String address = "桃江县武潭镇罗家坪村";
        String first = Api.createTicket("罗家坪村组道上一棵大树被风吹倒了，拦住了路，车子过不去", address);
        String secondText = "罗家坪村路上倒了棵大树，把路全部挡住了，麻烦派人来锯掉";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("operator")
                .body("{\"text\": \"%s\", \"address\": \"%s\"}".formatted(secondText, address))
                .when().post("/api/v1/tickets/preview").then().statusCode(200)
                .body("village", equalTo("罗家坪村"))
                .body("matters[0].code", equalTo("CS-0401"))
                .body("incidents[0].ticketNumber", equalTo(first))
                .body("incidents[0].place", equalTo("VILLAGE")));
        String second = Api.createTicket(secondText, address);
        String unclassified = Api.createTicket("罗家坪村有颗树到在马路上面，摩托车都过不去了", address);
        String unrelated = Api.createTicket("罗家坪村有人在河里电鱼，请派人来管一管", address);
        assertNull(ticket(unclassified).get("catalogItem"), "the classifier leaves this call to a dispatcher");

        for (String caller : List.of(second, unclassified)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> similar(caller).getList("items.ticketNumber").contains(first));
            JsonPath found = similar(caller);
            assertEquals(1, found.getList("items.findAll { it.relation == 'EARLIER' }").size(),
                    "one suggestion per new ticket, against the incident's primary: " + found.prettify());
            // In tests a shared village alone only suggests (application.properties); the rules would link the second.
            assertEquals("SUGGESTED", found.getString("items[0].decision"));
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> similar(unrelated).getList("items").isEmpty());

        for (String caller : List.of(second, unclassified)) {
            Api.dispatcher().when().post("/api/v1/tickets/" + caller + "/similar/" + first + "/accept")
                    .then().statusCode(200).body("mergedInto", equalTo(first));
        }
        Map<String, Object> entry = queueEntry(first);
        assertEquals(3, ((Map<?, ?>) entry.get("incident")).get("callers"), "one queue entry with its three callers");
        assertEquals(List.of(second, unclassified), ((Map<?, ?>) entry.get("incident")).get("linkedTickets"));
        assertNull(queueEntry(second), "a linked caller is not a queue entry of its own");

        Api.dispatcher().body("{\"unitCode\": \"430922103-BMFW\"}").when().post("/api/v1/tickets/" + first + "/dispatch")
                .then().statusCode(200);
        JsonPath caller = ticket(second);
        assertEquals(second, caller.getString("ticketNumber"), "each caller keeps their own number");
        assertEquals("DISPATCHED", caller.getString("linkedTo.status"), "and follows the primary's progress");
        assertEquals("430922103-BMFW", caller.getString("unit.code"), "the dispatch carried the linked ticket along");
        Api.dispatcher().when().get("/api/v1/tickets/" + second + "/timeline").then().statusCode(200)
                .body("find { it.type == 'TicketFollowedPrimary' }.actor", equalTo("incident"));
        // The township's official reaches the callers of what their unit handles, and their result reaches every caller.
        Api.as("official-wutan").when().get("/api/v1/tickets/" + second).then().statusCode(200);
        for (String step : List.of("sign-for", "start")) {
            Api.as("official-wutan").body("{}").when().post("/api/v1/tickets/" + first + "/" + step).then().statusCode(200);
        }
        Api.as("official-wutan").body("{\"result\": \"倒树已锯断清走，道路恢复通行\"}")
                .when().post("/api/v1/tickets/" + first + "/resolve").then().statusCode(200);
        assertEquals("倒树已锯断清走，道路恢复通行", ticket(second).getString("result"));
        assertEquals("RESOLVED", ticket(second).getString("linkedTo.status"));

        Api.dispatcher().body("{\"reason\": \"这位来电者说的是另一棵树\"}").when().post("/api/v1/tickets/" + unclassified + "/unmerge")
                .then().statusCode(200).body("mergedInto", nullValue());
        Api.dispatcher().when().get("/api/v1/tickets/" + unclassified + "/timeline").then().statusCode(200)
                .body("find { it.type == 'TicketUnmerged' }.actor", equalTo("dispatcher"));
        JsonPath incident = similar(first);
        assertEquals(List.of(second), incident.getList("items.findAll { it.linked }.ticketNumber"), incident.prettify());
    }

    /** The primary's entry in the dispatcher's queue, or null when it is not one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> queueEntry(String number) {
        for (int page = 0; page < 50; page++) {
            JsonPath queue = Api.dispatcher().when().get("/api/v1/queue?size=200&page=" + page).then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Object> entry = queue.get("items.find { it.ticketNumber == '" + number + "' }");
            if (entry != null || queue.getList("items").isEmpty()) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void unknownTicketsAndPairsAreNamed() {
        Api.dispatcher().when().get("/api/v1/tickets/430922-00000000-000000/similar").then().statusCode(404);
        String lonely = Api.createTicket("资江边有人钓鱼", "桃江县桃花江镇");
        Api.dispatcher().when().post("/api/v1/tickets/" + lonely + "/similar/430922-00000000-000000/accept")
                .then().statusCode(404).body("errors[0].field", equalTo("other"));
    }
}
