package io.lastmile.security;

import io.lastmile.live.LiveScreens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A 修山镇 official sees 修山镇's tickets and never a 武潭镇 one: not by number, not by timeline, not in
 * an inbox, not over the live socket, and cannot act on it. Supervisors read everything with the
 * contact masked.
 */
@QuarkusTest
class JurisdictionScopeTest {

    private static final String XIUSHAN_CENTER = "430922104-BMFW";
    private static final String WUTAN_CENTER = "430922103-BMFW";

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    private static String dispatchedStreetLight(String place) {
        String number = as("operator").contentType(ContentType.JSON)
                .body("""
                        {"text": "%s路灯连续三晚不亮 %s", "kind": "投诉", "callerName": "李先生", "callerPhone": "13907371234"}"""
                        .formatted(place, UUID.randomUUID()))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").contentType(ContentType.JSON).body("{}").when().post("/api/v1/tickets/" + number + "/dispatch")
                .then().statusCode(200);
        return number;
    }

    @Test
    void aTownshipOfficialReadsAndWorksOnlyTheirOwnTownship() {
        String xiushan = dispatchedStreetLight("修山镇花桥港村");
        String wutan = dispatchedStreetLight("武潭镇罗家坪村");
        as("dispatcher").when().get("/api/v1/tickets/" + wutan).then().body("unit.code", equalTo(WUTAN_CENTER));

        as("official-xiushan").when().get("/api/v1/tickets/" + xiushan).then().statusCode(200)
                .body("unit.code", equalTo(XIUSHAN_CENTER))
                .body("contact.phone", equalTo("13907371234"));
        as("official-xiushan").when().get("/api/v1/tickets/" + wutan).then().statusCode(403)
                .contentType("application/problem+json");
        as("official-xiushan").when().get("/api/v1/tickets/" + wutan + "/timeline").then().statusCode(403);

        as("official-xiushan").when().get("/api/v1/units/" + XIUSHAN_CENTER + "/inbox?size=200").then().statusCode(200)
                .body("items.ticketNumber", hasItem(xiushan))
                .body("items.ticketNumber", not(hasItem(wutan)));
        as("official-xiushan").when().get("/api/v1/units/" + WUTAN_CENTER + "/inbox").then().statusCode(403);
        // A village station below 修山镇 is within reach; one below 武潭镇 is not.
        as("official-xiushan").when().get("/api/v1/units/430922104201-BMFWZ/inbox").then().statusCode(200);
        as("official-xiushan").when().get("/api/v1/units/430922103201-BMFWZ/inbox").then().statusCode(403);

        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + wutan + "/sign-for").then().statusCode(403);
        as("official-wutan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + wutan + "/sign-for").then().statusCode(200)
                .body("status", equalTo("SIGNED_FOR"));
        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + xiushan + "/sign-for").then().statusCode(200);
        as("dispatcher").when().get("/api/v1/tickets/" + wutan + "/timeline").then()
                .body("actor", hasItem("official-wutan"))
                .body("actor", not(hasItem("official-xiushan")));
    }

    @Test
    void readingATicketInOnesAreaIsNotActingOnIt() {
        // A county department's ticket located in 修山镇: the township reads it, but it is not its to sign for.
        String department = dispatchedStreetLight("修山镇花桥港村");
        as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"430922-CGJ\"}")
                .when().post("/api/v1/tickets/" + department + "/reassign").then().statusCode(200);
        as("official-xiushan").when().get("/api/v1/tickets/" + department).then().statusCode(200)
                .body("allowedSteps", equalTo(List.of()));
        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + department + "/sign-for").then().statusCode(403)
                .contentType("application/problem+json");
        as("dept-cgj-a").when().get("/api/v1/tickets/" + department).then().statusCode(200)
                .body("allowedSteps", equalTo(List.of("ESCALATE", "RETURN", "SIGN_FOR")));

        // The township's own ticket in 花桥港村: the village station reads it and may not resolve it.
        String township = dispatchedStreetLight("修山镇花桥港村");
        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + township + "/sign-for").then().statusCode(200);
        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + township + "/start").then().statusCode(200)
                .body("allowedSteps", hasItem("RESOLVE"));
        as("agent-huaqiaogang").when().get("/api/v1/tickets/" + township).then().statusCode(200)
                .body("allowedSteps", equalTo(List.of()));
        as("agent-huaqiaogang").contentType(ContentType.JSON).body("{\"result\": \"已修好\"}")
                .when().post("/api/v1/tickets/" + township + "/resolve").then().statusCode(403);
        // The dispatcher may act for the unit, and the timeline says for whom.
        as("dispatcher").contentType(ContentType.JSON).body("{\"result\": \"已更换灯具\"}")
                .when().post("/api/v1/tickets/" + township + "/resolve").then().statusCode(200);
        as("dispatcher").when().get("/api/v1/tickets/" + township + "/timeline").then()
                .body("find { it.type == 'TicketResolved' }.data.onBehalfOf", equalTo(XIUSHAN_CENTER))
                .body("find { it.type == 'TicketResolved' }.actor", equalTo("dispatcher"));
    }

    @Test
    void anAssistingUnitFilesItsOwnJointReportAndNoOneElses() {
        String number = dispatchedStreetLight("修山镇花桥港村");
        as("dispatcher").contentType(ContentType.JSON).body("{\"units\": [\"430922-CGJ\", \"430922-SLJ\"]}")
                .when().post("/api/v1/tickets/" + number + "/joint").then().statusCode(200);
        as("dept-cgj-a").contentType(ContentType.JSON).body("{\"unitCode\": \"430922-SLJ\", \"result\": \"代为反馈\"}")
                .when().post("/api/v1/tickets/" + number + "/joint/report").then().statusCode(403);
        as("dept-cgj-a").contentType(ContentType.JSON).body("{\"result\": \"已清理占道\"}")
                .when().post("/api/v1/tickets/" + number + "/joint/report").then().statusCode(200)
                .body("assistants.find { it.unitCode == '430922-CGJ' }.reported", equalTo(true))
                .body("assistants.find { it.unitCode == '430922-SLJ' }.reported", equalTo(false))
                .body("allowedSteps", equalTo(List.of("REPORT_ASSISTANCE")));
        as("dept-cgj-a").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/sign-for").then().statusCode(403);
    }

    @Test
    void aLinkToAPrimaryOutsideTheScopeShowsOnlyItsNumberAndStatus() {
        String primary = dispatchedStreetLight("武潭镇罗家坪村");
        String caller = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村路灯连续三晚不亮 %s\", \"kind\": \"投诉\"}".formatted(UUID.randomUUID()))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").contentType(ContentType.JSON).body("{\"intoTicketNumber\": \"" + primary + "\"}")
                .when().post("/api/v1/tickets/" + caller + "/merge").then().statusCode(200);
        as("dispatcher").when().get("/api/v1/tickets/" + caller).then().statusCode(200)
                .body("linkedTo.ticketNumber", equalTo(primary))
                .body("linkedTo.deadline", org.hamcrest.Matchers.notNullValue());
        as("official-xiushan").when().get("/api/v1/tickets/" + caller).then().statusCode(200)
                .body("linkedTo.ticketNumber", equalTo(primary))
                .body("linkedTo.status", equalTo("DISPATCHED"))
                .body("linkedTo.deadline", org.hamcrest.Matchers.nullValue())
                .body("linkedTo.result", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void searchAndSimilarTicketsStayWithinTheOfficialsJurisdiction() {
        String marker = "井盖" + UUID.randomUUID().toString().substring(0, 8);
        String xiushan = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村%s缺失\", \"kind\": \"投诉\"}".formatted(marker))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        String wutan = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"武潭镇罗家坪村%s缺失\", \"kind\": \"投诉\"}".formatted(marker))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("dispatcher")
                .when().get("/api/v1/search?q=" + marker).then().statusCode(200).body("total", equalTo(2)));

        as("official-xiushan").when().get("/api/v1/search?q=" + marker).then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits.ticketNumber", hasItem(xiushan))
                .body("hits.ticketNumber", not(hasItem(wutan)))
                .body("facets.township.key", not(hasItem("武潭镇")));
        // Asking for the other township by filter does not widen the server's scope.
        as("official-xiushan").when().get("/api/v1/search?q=" + marker + "&township=武潭镇").then().statusCode(200)
                .body("total", equalTo(0));
        as("official-wutan").when().get("/api/v1/search?q=" + marker).then().body("hits.ticketNumber", hasItem(wutan))
                .body("total", equalTo(1));

        as("official-xiushan").when().get("/api/v1/tickets/" + wutan + "/similar").then().statusCode(403);
        as("official-xiushan").when().get("/api/v1/tickets/" + xiushan + "/similar").then().statusCode(200);
    }

    @Test
    void supervisorsAndAdminsReadCountyWideWithTheContactMasked() {
        String wutan = dispatchedStreetLight("武潭镇罗家坪村");
        as("supervisor").when().get("/api/v1/tickets/" + wutan).then().statusCode(200)
                .body("contact.phone", equalTo("139****1234"));
        as("admin").when().get("/api/v1/tickets/" + wutan).then().statusCode(200)
                .body("contact.phone", equalTo("139****1234"));
        as("operator").when().get("/api/v1/tickets/" + wutan).then().statusCode(200)
                .body("contact.phone", equalTo("13907371234"));
    }

    @Test
    void theLiveFeedShowsAnOfficialOnlyTheirTownshipsTickets() throws Exception {
        List<String> official = new CopyOnWriteArrayList<>();
        List<String> dispatcher = new CopyOnWriteArrayList<>();
        // A browser's way: the token in the access_token query parameter.
        WebSocket officialScreen = LiveScreens.connect(URI.create(wsFeed() + "?access_token=" + DemoLogins.token("official-xiushan")), official);
        WebSocket dispatcherScreen = LiveScreens.connect(URI.create(wsFeed() + "?access_token=" + DemoLogins.token("dispatcher")), dispatcher);
        try {
            String wutan = dispatchedStreetLight("武潭镇罗家坪村");
            String xiushan = dispatchedStreetLight("修山镇花桥港村");
            await().atMost(Duration.ofSeconds(60)).until(() -> mentions(dispatcher, wutan) && mentions(dispatcher, xiushan)
                    && mentions(official, xiushan));
            // The feed decides per screen as it pushes each event: once the dispatcher's screen has
            // the 武潭镇 events, the official's screen was passed over for them.
            assertFalse(mentions(official, wutan), "a 修山镇 official was sent a 武潭镇 ticket");
        } finally {
            officialScreen.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            dispatcherScreen.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    void theLiveFeedRefusesAHandshakeWithoutAValidToken() {
        ExecutionException missing = assertThrows(ExecutionException.class, () -> LiveScreens.connect(URI.create(wsFeed()), List.of()));
        assertEquals(401, ((WebSocketHandshakeException) missing.getCause()).getResponse().statusCode());
        ExecutionException forged = assertThrows(ExecutionException.class,
                () -> LiveScreens.connect(URI.create(wsFeed() + "?access_token=forged.token.value"), List.of()));
        assertEquals(401, ((WebSocketHandshakeException) forged.getCause()).getResponse().statusCode());
    }

    private String wsFeed() {
        return liveFeed.toString().replaceFirst("^http", "ws");
    }

    private static boolean mentions(List<String> events, String ticketNumber) {
        return events.stream().anyMatch(e -> e.contains("\"ticketNumber\":\"" + ticketNumber + "\""));
    }

    @Test
    void anOfficialsUnitAndAreaComeFromTheOrganization() {
        as("official-xiushan").when().get("/api/v1/auth/me").then().statusCode(200)
                .body("role", equalTo("official"))
                .body("unitCode", equalTo(XIUSHAN_CENTER))
                .body("areaCode", equalTo("430922104"))
                .body("countyWide", equalTo(false))
                .body("unitsInReach", hasItem("430922104201-BMFWZ"))
                .body("unitsInReach", not(hasItem(WUTAN_CENTER)));
        as("dispatcher").when().get("/api/v1/auth/me").then().body("countyWide", equalTo(true));
    }
}
