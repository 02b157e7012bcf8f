package io.lastmile.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Time limits on the real stack, with the test profile's short limits (特急 sign-for in 8 s,
 * yellow 4 s before, kiosk pick-up in 2 s, escalation 10 s after a red card): cards fall due once, kiosk presses nobody answers
 * reach the county center, and operators get exact promised dates.
 */
@QuarkusTest
class TimeLimitsTest {

    @Inject
    TimeLimitWatch watch;

    private static List<String> timelineTypes(String number) {
        return as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("type");
    }

    @Test
    void aCriticalCallLeftUndispatchedGetsItsYellowCardAt80PercentOfTheQueueLimitAndItsRedAtTheEnd() {
        // The test profile's 特急 queue limit is 10 s: yellow at 8 s, red at 10 s after receipt.
        io.restassured.path.json.JsonPath created = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村山洪冲毁便桥，有人被困\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        String number = created.getString("ticketNumber");
        java.time.OffsetDateTime received = java.time.OffsetDateTime.parse(created.getString("receivedAt"));
        assertEquals(received.plusSeconds(10).toInstant(), java.time.OffsetDateTime.parse(created.getString("deadline")).toInstant());
        assertEquals(received.plusSeconds(8).toInstant(),
                java.time.OffsetDateTime.parse(created.getString("timeLimits.yellowAt")).toInstant());

        await().atMost(Duration.ofSeconds(40)).until(() -> timelineTypes(number).contains("RedCardRaised"));
        io.restassured.path.json.JsonPath timeline = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline")
                .then().statusCode(200).extract().jsonPath();
        java.time.Instant yellow = java.time.OffsetDateTime.parse(timeline.getString(
                "find { it.type == 'YellowCardRaised' }.occurredAt")).toInstant();
        java.time.Instant red = java.time.OffsetDateTime.parse(timeline.getString(
                "find { it.type == 'RedCardRaised' }.occurredAt")).toInstant();
        assertFalse(yellow.isBefore(received.plusSeconds(8).toInstant()), "not yellow before 80 % of the queue limit");
        assertFalse(red.isBefore(received.plusSeconds(10).toInstant()), "not red before the limit");
        assertEquals("RECEIVED", timeline.getString("find { it.type == 'RedCardRaised' }.toStatus"),
                "still waiting for a dispatcher");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().body("timeLimits.card", equalTo("RED"));
    }

    @Test
    void criticalTicketNotSignedForGetsItsYellowThenItsRedCardEachOnceEvenWithConcurrentScans() throws Exception {
        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村山体滑坡堵路，有车辆被困\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200)
                .body("timeLimits.signFor", notNullValue())
                .body("timeLimits.card", equalTo("NONE"));

        // Replicas scanning at the same moment, all the while the cards fall due (beside the scheduled
        // scan): the row lock and the card check under it keep each card once.
        java.util.concurrent.atomic.AtomicBoolean redSeen = new java.util.concurrent.atomic.AtomicBoolean();
        List<CompletableFuture<Void>> scanners = List.of(scanUntil(redSeen), scanUntil(redSeen), scanUntil(redSeen));
        await().atMost(Duration.ofSeconds(30)).until(() -> timelineTypes(number).contains("YellowCardRaised"));
        await().atMost(Duration.ofSeconds(30)).until(() -> timelineTypes(number).contains("RedCardRaised"));
        redSeen.set(true);
        for (CompletableFuture<Void> scanner : scanners) {
            scanner.get();
        }
        List<String> types = timelineTypes(number);
        assertEquals(1, types.stream().filter("YellowCardRaised"::equals).count(), types.toString());
        assertEquals(1, types.stream().filter("RedCardRaised"::equals).count(), types.toString());
        as("dispatcher").when().get("/api/v1/tickets/" + number).then()
                .body("timeLimits.card", equalTo("RED"))
                .body("supervised", equalTo(true));
        as("supervisor").when().get("/api/v1/supervised?size=200").then().statusCode(200)
                .body("items.ticketNumber", hasItem(number));
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /**
     * The race the row lock must win: at the moment each ticket falls overdue, a dispatcher
     * reassigns it (a new sign-for clock) while several scans run. Whoever gets the lock first
     * decides, and a red card is only ever raised on a deadline that had passed: every
     * RedCardRaised on the topic carries, in its snapshot, a deadline no later than its own time.
     */
    @Test
    void aReassignmentRacingTheScansNeverEarnsAnUndeservedRedCard() throws Exception {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String number = as("operator").contentType(ContentType.JSON)
                    .body("{\"text\": \"修山镇花桥港村山体滑坡堵路 %s\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}"
                            .formatted(UUID.randomUUID()))
                    .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
            as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"430922104-BMFW\"}")
                    .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200);
            numbers.add(number);
        }
        for (int round = 0; round < 2; round++) {
            for (String number : numbers) {
                Instant due = java.time.OffsetDateTime.parse(as("dispatcher").when().get("/api/v1/tickets/" + number)
                        .then().extract().path("deadline")).toInstant();
                await().atMost(Duration.ofSeconds(20)).until(() -> !Instant.now().isBefore(due));
                String unit = round == 0 ? "430922-CGJ" : "430922104-BMFW";
                CompletableFuture<Integer> reassign = CompletableFuture.supplyAsync(() -> as("dispatcher")
                        .contentType(ContentType.JSON).body("{\"unitCode\": \"" + unit + "\"}")
                        .when().post("/api/v1/tickets/" + number + "/reassign").then().extract().statusCode());
                List<CompletableFuture<Integer>> scans = List.of(concurrentScan(), concurrentScan(), concurrentScan());
                assertEquals(200, reassign.get());
                for (CompletableFuture<Integer> scan : scans) {
                    scan.get();
                }
            }
        }
        List<String> undeserved = new java.util.ArrayList<>();
        int reds = 0;
        try (var consumer = io.lastmile.ticket.event.EventsTopic.fromTheStart(kafka)) {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int seen = 0;
            int expected = numbers.size() * 4; // received, dispatched and two reassignments at least
            while (System.nanoTime() < until && seen < expected) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    io.restassured.path.json.JsonPath event = io.restassured.path.json.JsonPath.from(record.value());
                    if (!numbers.contains(event.getString("ticketNumber"))) {
                        continue;
                    }
                    seen++;
                    if ("RedCardRaised".equals(event.getString("type"))) {
                        reds++;
                        Instant at = Instant.parse(event.getString("occurredAt"));
                        Instant deadline = java.time.OffsetDateTime.parse(event.getString("ticket.deadline")).toInstant();
                        if (deadline.isAfter(at)) {
                            undeserved.add(event.getString("ticketNumber") + ": red at " + at + ", deadline " + deadline);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), undeserved);
        System.out.printf("Race: %d red cards raised on overdue deadlines, none on a moved one%n", reds);
    }

    @Test
    void redCardLeftUnresolvedMovesTheTicketOneLevelUpWithItsOwnDeadlines() {
        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村路灯倒伏压住电线\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200)
                .body("unit.code", equalTo("430922104-BMFW"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("dispatcher").when().get("/api/v1/tickets/" + number)
                .then().body("unit.code", equalTo("430922-CGJ")));
        // A scan that comes after the deadline raises the red card at once: the yellow one is then moot.
        List<String> types = new java.util.ArrayList<>(timelineTypes(number));
        types.remove("YellowCardRaised");
        assertEquals(List.of("TicketReceived", "TicketDispatched", "RedCardRaised", "TicketEscalated"), types.subList(0, 4));
        int escalated = timelineTypes(number).indexOf("TicketEscalated");
        as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then()
                .body("[" + escalated + "].actor", equalTo(TimeLimitWatch.ACTOR))
                .body("[" + escalated + "].data.automatic", equalTo(true));
    }

    @Inject
    io.lastmile.TestStack stack;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /**
     * Cards that fall due together are raised together, each exactly once: a ticket another
     * transaction holds is passed over (not waited for) and carded at a later pass once free, and
     * a ticket that breaks its batch in an unexpected way is counted as failed while every other
     * one of the batch is still carded.
     */
    @Test
    void cardsDueTogetherAreRaisedInBatchesPassingOverAHeldTicketAndABrokenOne() throws Throwable {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            numbers.add(as("operator").contentType(ContentType.JSON)
                    .body("{\"text\": \"批量亮牌测试 %s\", \"kind\": \"咨询\"}".formatted(UUID.randomUUID()))
                    .when().post("/api/v1/tickets").then().statusCode(201).extract().<String>path("ticketNumber"));
        }
        String held = numbers.get(0);
        String broken = numbers.get(1);
        double failuresBefore = metrics.counter("lastmile.sla.scan.failures").count();
        try (java.sql.Connection setUp = stack.database(); java.sql.Connection holder = stack.database()) {
            // All cross their yellow line now; the held one first, so that a scan waiting for it would hold up the rest.
            try (var due = setUp.prepareStatement("UPDATE ticket SET card = 'NONE', yellow_at = now() - (interval '1 ms' * ?),"
                    + " red_at = now() + interval '1 hour' WHERE ticket_number = ?")) {
                for (int i = 0; i < numbers.size(); i++) {
                    due.setInt(1, 5_000 - i);
                    due.setString(2, numbers.get(i));
                    due.addBatch();
                }
                due.executeBatch();
            }
            try (var corrupt = setUp.prepareStatement("UPDATE ticket SET assistants = 'not json' WHERE ticket_number = ?")) {
                corrupt.setString(1, broken);
                corrupt.executeUpdate();
            }
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT 1 FROM ticket WHERE ticket_number = ? FOR UPDATE")) {
                lock.setString(1, held);
                lock.executeQuery().close();
            }
            List<String> free = numbers.subList(2, numbers.size());
            await().atMost(Duration.ofSeconds(20)).until(() -> free.stream().allMatch(n -> timelineTypes(n).contains("YellowCardRaised")));
            assertFalse(timelineTypes(held).contains("YellowCardRaised"), "a held ticket cannot be carded until it is free");
            await().atMost(Duration.ofSeconds(20)).until(() -> metrics.counter("lastmile.sla.scan.failures").count() > failuresBefore);
            holder.rollback();
            await().atMost(Duration.ofSeconds(20)).until(() -> timelineTypes(held).contains("YellowCardRaised"));
            for (String number : numbers.subList(2, numbers.size())) {
                assertEquals(1, timelineTypes(number).stream().filter("YellowCardRaised"::equals).count(), number);
            }
            try (var repair = setUp.prepareStatement("UPDATE ticket SET assistants = '[]', yellow_at = NULL, red_at = NULL"
                    + " WHERE ticket_number = ?")) {
                repair.setString(1, broken);
                repair.executeUpdate();
            }
        }
        assertEquals(List.of("TicketReceived"), timelineTypes(broken), "the broken ticket's batch rolled back, not just its step");
    }

    /** Scans again and again, as another replica would, until told to stop. */
    private CompletableFuture<Void> scanUntil(java.util.concurrent.atomic.AtomicBoolean stop) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!stop.get() && System.nanoTime() < deadline) {
                try {
                    VertxContextSupport.subscribeAndAwait(() -> watch.scanOnce());
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private CompletableFuture<Integer> concurrentScan() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> watch.scanOnce());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void redKioskPressNobodyPicksUpReachesTheCountyCenterAndAPickedUpOneStays() throws Exception {
        String unanswered = postKiosk("RED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("dispatcher").when().get("/api/v1/tickets/" + unanswered)
                .then().body("unit.code", equalTo("430922-ZHZX")).body("responsible", equalTo("430922-ZHZX")));
        assertEquals(1, timelineTypes(unanswered).stream().filter("KioskPressUnanswered"::equals).count());

        String answered = postKiosk("RED");
        as("official-xiushan").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + answered + "/pickup").then().statusCode(200);
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("dispatcher")
                .when().get("/api/v1/tickets/" + answered).then().body("unit.code", equalTo("430922104-BMFW")));
        as("dispatcher").contentType(ContentType.JSON).body("{}").when().post("/api/v1/tickets/" + answered + "/pickup")
                .then().statusCode(409);
    }

    private static String postKiosk(String button) throws Exception {
        try (InputStream in = TimeLimitsTest.class.getResourceAsStream("/samples/kiosk.json")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"RED\"", "\"" + button + "\"")
                    .replace("2026-11-22T10:11:00+08:00", Instant.now().minusMillis(UUID.randomUUID().hashCode() & 0xFFFF)
                            .atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
            return asSource().contentType(ContentType.JSON).body(body).when().post("/api/v1/intake/kiosk")
                    .then().statusCode(201).body("duplicate", equalTo(false)).extract().path("ticketNumber");
        }
    }

    @Test
    void operatorsGetPromisedDatesAcrossHolidays() {
        as("dispatcher").queryParam("from", "2026-09-30T10:00:00+08:00").queryParam("amount", 1).queryParam("unit", "working-days")
                .when().get("/api/v1/calendar/deadline").then().statusCode(200)
                .body("deadline", equalTo("2026-10-08T17:30:00+08:00"))
                .body("provisional", equalTo(false));
        as("dispatcher").queryParam("from", "2026-11-23T11:00:00+08:00").queryParam("amount", 2).queryParam("unit", "working-hours")
                .when().get("/api/v1/calendar/deadline").then().statusCode(200)
                .body("deadline", equalTo("2026-11-23T15:30:00+08:00"));
        as("dispatcher").queryParam("from", "2026-09-30T10:00:00+08:00").queryParam("amount", 1).queryParam("unit", "weeks")
                .when().get("/api/v1/calendar/deadline").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        as("dispatcher").queryParam("from", "yesterday").queryParam("amount", 1).queryParam("unit", "hours")
                .when().get("/api/v1/calendar/deadline").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void adminsLoadAYearAndSeeABannerWhileNextYearIsMissing() {
        int next = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + 1;
        as("admin").when().get("/api/v1/admin/calendar").then().statusCode(200)
                .body("years", hasItem(2026))
                .body("workingHours", equalTo(List.of("08:30-12:00", "14:30-17:30")))
                .body("banner", containsString(String.valueOf(next)));
        as("admin").contentType(ContentType.JSON)
                .body("{\"year\": 2099, \"source\": \"test\", \"holidays\": [\"2099-01-01\"], \"workdays\": [\"2099-01-03\"]}")
                .when().put("/api/v1/admin/calendar/2099").then().statusCode(200).body("years", hasItem(2099));
        as("admin").contentType(ContentType.JSON)
                .body("{\"year\": 2098, \"source\": \"test\", \"holidays\": [], \"workdays\": [\"2098-01-06\"]}")
                .when().put("/api/v1/admin/calendar/2098").then().statusCode(422)
                .body("detail", containsString("only weekend days"));
    }
}
