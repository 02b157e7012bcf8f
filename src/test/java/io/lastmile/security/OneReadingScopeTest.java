package io.lastmile.security;

import io.lastmile.live.LiveScreens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may read what is one definition (TicketScope): one fixture of tickets, owned, located and
 * assisted in different ways, read by each role over REST, through search and on the live feed,
 * gives the same set each way, and the set each demo account should have.
 */
@QuarkusTest
class OneReadingScopeTest {

    private static final String XIUSHAN = "430922104-BMFW";
    private static final String WUTAN = "430922103-BMFW";
    private static final String CGJ = "430922-CGJ";

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    private static String received(String place, String problem, String marker) {
        return as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"%s%s %s\", \"kind\": \"投诉\"}".formatted(place, problem, marker))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    private static void step(String who, String number, String step, String body) {
        as(who).contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets/" + number + "/" + step)
                .then().statusCode(200);
    }

    @Test
    void restSearchAndTheLiveFeedShowEachRoleTheSameTickets() throws Exception {
        List<String> accounts = List.of("official-xiushan", "agent-huaqiaogang", "agent-xiushancun", "official-wutan",
                "dept-cgj-a", "dispatcher", "supervisor", "operator", "admin");
        Map<String, List<String>> screens = new LinkedHashMap<>();
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        for (String account : accounts) {
            List<String> messages = new CopyOnWriteArrayList<>();
            screens.put(account, messages);
            sockets.add(LiveScreens.connect(URI.create(liveFeed.toString().replaceFirst("^http", "ws")),
                    DemoLogins.token(account), messages));
        }
        try {
            String marker = "范围" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> fixture = new LinkedHashMap<>();
            // A: 修山镇's own, in 花桥港村.  B: 城管局's, located in 修山村.  C: 武潭镇's.
            // D: 武潭镇's with 城管局 assisting.  E: 武潭镇's with 修山镇 assisting.  F: 修山镇's, in 修山村.
            fixture.put("A", received("修山镇花桥港村", "路灯不亮", marker));
            fixture.put("B", received("修山镇修山村", "占道经营", marker));
            fixture.put("C", received("武潭镇罗家坪村", "垃圾未清运", marker));
            fixture.put("D", received("武潭镇罗家坪村", "河道漂浮物", marker));
            fixture.put("E", received("武潭镇罗家坪村", "渡口护栏损坏", marker));
            fixture.put("F", received("修山镇修山村", "村道坑洼", marker));
            Map<String, String> owners = Map.of("A", XIUSHAN, "B", CGJ, "C", WUTAN, "D", WUTAN, "E", WUTAN, "F", XIUSHAN);
            fixture.forEach((key, number) -> step("dispatcher", number, "dispatch",
                    "{\"unitCode\": \"" + owners.get(key) + "\"}"));
            step("dispatcher", fixture.get("D"), "joint", "{\"units\": [\"" + CGJ + "\"]}");
            step("dispatcher", fixture.get("E"), "joint", "{\"units\": [\"" + XIUSHAN + "\"]}");
            // The last step of each is the owner's sign-for: once search shows it, the joint steps are indexed too.
            step("official-xiushan", fixture.get("A"), "sign-for", "{}");
            step("dept-cgj-a", fixture.get("B"), "sign-for", "{}");
            for (String key : List.of("C", "D", "E")) {
                step("official-wutan", fixture.get(key), "sign-for", "{}");
            }
            step("official-xiushan", fixture.get("F"), "sign-for", "{}");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(6, (int) as("dispatcher")
                    .when().get("/api/v1/search?q=" + marker + "&status=SIGNED_FOR").then().statusCode(200)
                    .extract().path("total")));

            Map<String, Set<String>> expected = Map.of(
                    "official-xiushan", Set.of("A", "B", "E", "F"),
                    "agent-huaqiaogang", Set.of("A"),
                    "agent-xiushancun", Set.of("B", "F"),
                    "official-wutan", Set.of("C", "D", "E"),
                    "dept-cgj-a", Set.of("B", "D"));
            for (String account : accounts) {
                Set<String> rest = new TreeSet<>();
                fixture.forEach((key, number) -> {
                    int status = as(account).when().get("/api/v1/tickets/" + number).then().extract().statusCode();
                    if (status == 200) {
                        rest.add(key);
                    }
                    assertEquals(true, status == 200 || status == 403, account + " reading " + key + ": " + status);
                });
                assertEquals(expected.getOrDefault(account, fixture.keySet()), rest, account + " over REST");

                List<String> hits = as(account).when().get("/api/v1/search?size=50&q=" + marker).then().statusCode(200)
                        .extract().jsonPath().getList("hits.ticketNumber");
                assertEquals(rest, keysOf(fixture, hits), account + " through search");

                List<String> screen = screens.get(account);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(rest,
                        keysOf(fixture, fixture.values().stream().filter(n -> mentions(screen, n)).toList()),
                        account + " on the live feed"));
            }
        } finally {
            for (WebSocket socket : sockets) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    private static Set<String> keysOf(Map<String, String> fixture, List<String> numbers) {
        Set<String> keys = new TreeSet<>();
        fixture.forEach((key, number) -> {
            if (numbers.contains(number)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static boolean mentions(List<String> messages, String ticketNumber) {
        return messages.stream().anyMatch(m -> m.contains("\"ticketNumber\":\"" + ticketNumber + "\""));
    }
}
