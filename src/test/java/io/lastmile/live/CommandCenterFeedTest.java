package io.lastmile.live;

import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-center feeds end to end: a ticket created over REST reaches a connected screen as a
 * delta with a cursor; a screen cut off for ten seconds comes back with its last cursor and gets
 * exactly what it missed; a cursor the feed cannot answer gets a fresh snapshot; a unit's screen
 * shows its own tickets only.
 */
@QuarkusTest
class CommandCenterFeedTest {

    /** How long the screen stays away; {@code -Dscreens.gap-seconds=N} changes it. */
    private static final Duration GAP = Duration.ofSeconds(Long.getLong("screens.gap-seconds", 10));

    @TestHTTPResource("/api/v1/live/command-center")
    URI commandCenter;

    @TestHTTPResource("/api/v1/live/units/430922104-BMFW")
    URI xiushanCenter;

    @Test
    void aScreenCutOffForTenSecondsResumesWithItsCursorAndMissesNothing() throws Exception {
        List<String> watching = new CopyOnWriteArrayList<>(); // a screen that stays connected throughout
        WebSocket control = LiveScreens.connect(ws(commandCenter), DemoLogins.token("dispatcher"), watching);
        List<String> first = new CopyOnWriteArrayList<>();
        WebSocket screen = LiveScreens.connect(ws(commandCenter), DemoLogins.token("dispatcher"), first);

        JsonPath snapshot = await().atMost(Duration.ofSeconds(30)).until(() -> message(first, "snapshot"), m -> m != null);
        assertFalse(snapshot.getString("cursor").isBlank(), "the snapshot says where its deltas start");
        assertTrue(snapshot.getInt("tiles.open") >= 0);

        String before = createTicket("修山镇花桥港村水渠堵塞 ");
        JsonPath seen = await().atMost(Duration.ofSeconds(30)).until(() -> delta(first, before), m -> m != null);
        assertEquals("TicketReceived", seen.getString("type"));
        assertEquals(before, seen.getString("ticket.ticketNumber"));
        screen.abort();
        Instant cut = Instant.now();
        String cursor = lastCursor(first);

        String during = createTicket("修山镇花桥港村垃圾无人清运 ");
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(watching, during) != null);
        await().pollDelay(Duration.between(Instant.now(), cut.plus(GAP)).abs()).atMost(GAP.plusSeconds(5)).until(() -> true);

        List<String> second = new CopyOnWriteArrayList<>();
        WebSocket back = LiveScreens.connect(URI.create(ws(commandCenter) + "?cursor=" + cursor),
                DemoLogins.token("dispatcher"), second);
        String after = createTicket("修山镇花桥港村路面塌陷 ");
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(second, after) != null);
        assertEquals("resumed", JsonPath.from(second.get(0)).getString("type"), second.get(0));

        // Every delta of the ticket created while it was away, as the connected screen got them, once each.
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(watching, after) != null);
        List<String> missedByTheCut = deltaKeys(watching).stream().filter(k -> k.startsWith(during + ":")).toList();
        List<String> resumed = deltaKeys(second);
        assertFalse(missedByTheCut.isEmpty());
        assertTrue(resumed.containsAll(missedByTheCut), "missed: " + missedByTheCut + "\nresumed: " + resumed);
        assertEquals(resumed.size(), Set.copyOf(resumed).size(), "each delta once: " + resumed);
        assertTrue(deltaKeys(first).stream().noneMatch(k -> k.startsWith(during + ":")), "the cut screen had none of them");
        back.abort();
        control.abort();
    }

    @Test
    void aCursorTheFeedCannotAnswerGetsAFreshSnapshot() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket screen = LiveScreens.connect(URI.create(ws(commandCenter) + "?cursor=97:0"),
                DemoLogins.token("supervisor"), messages);
        JsonPath resync = await().atMost(Duration.ofSeconds(30)).until(() -> message(messages, "resync"), m -> m != null);
        assertFalse(resync.getString("cursor").contains("97:"), resync.prettify());
        screen.abort();
    }

    @Test
    void aUnitsScreenShowsItsOwnTicketsAndNoOthers() throws Exception {
        String xiushan = createTicket("修山镇花桥港村村道护栏损坏 ");
        String wutan = createTicket("武潭镇集镇路灯损坏 ", "桃江县武潭镇");
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket screen = LiveScreens.connect(ws(xiushanCenter), DemoLogins.token("official-xiushan"), messages);
        JsonPath snapshot = await().atMost(Duration.ofSeconds(30)).until(() -> message(messages, "snapshot"), m -> m != null);
        List<String> numbers = snapshot.getList("tickets.ticketNumber");
        assertTrue(numbers.contains(xiushan), "its township's ticket");
        assertFalse(numbers.contains(wutan), "not another township's");
        String later = createTicket("武潭镇集镇下水道堵塞 ", "桃江县武潭镇");
        String own = createTicket("修山镇花桥港村山塘漏水 ");
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(messages, own) != null);
        assertTrue(delta(messages, later) == null, "another township's delta never reaches it");
        screen.abort();
    }

    // ---- helpers

    private static String createTicket(String text) {
        return createTicket(text, "桃江县修山镇花桥港村");
    }

    private static String createTicket(String text, String address) {
        return as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + UUID.randomUUID() + "\", \"address\": \"" + address + "\", \"kind\": \"求助\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    static JsonPath message(List<String> messages, String type) {
        return messages.stream().filter(m -> !m.startsWith(LiveScreens.CLOSED)).map(JsonPath::from)
                .filter(m -> type.equals(m.getString("type"))).findFirst().orElse(null);
    }

    static JsonPath delta(List<String> messages, String ticketNumber) {
        return messages.stream().filter(m -> !m.startsWith(LiveScreens.CLOSED)).map(JsonPath::from)
                .filter(m -> ticketNumber.equals(m.getString("ticketNumber"))).findFirst().orElse(null);
    }

    static String lastCursor(List<String> messages) {
        return JsonPath.from(messages.stream().filter(m -> !m.startsWith(LiveScreens.CLOSED)).reduce((a, b) -> b)
                .orElseThrow()).getString("cursor");
    }

    /** Each delta as {@code number:version}, in the order received. */
    static List<String> deltaKeys(List<String> messages) {
        return messages.stream().filter(m -> !m.startsWith(LiveScreens.CLOSED)).map(JsonPath::from)
                .filter(m -> m.getString("ticketNumber") != null)
                .map(m -> m.getString("ticketNumber") + ":" + m.getInt("version")).toList();
    }

}
