package io.lastmile.kpi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lastmile.TestStack;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.KpiQueries;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.Urgency;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The assessment's figures on a month worked out by hand (February 2025, which no other test
 * touches): six tickets with their timelines written straight into PostgreSQL, then each count and
 * rate of the report compared with the hand-computed value, and the county's volumes with a direct
 * SQL count. The fixture, step by step, is in docs/kpis.md.
 */
@QuarkusTest
class AssessmentFiguresTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String XIUSHAN = "430922104-BMFW";
    private static final String WUTAN = "430922103-BMFW";
    private static final String CENTER = "430922-ZHZX";
    private static final YearMonth FEBRUARY = YearMonth.of(2025, 2);
    /** The county's counts and rates, worked out by hand (docs/kpis.md). */
    private static final Map<String, Object> BY_HAND = Map.ofEntries(Map.entry("received", 6), Map.entry("immediate", 1),
            Map.entry("handled", 5), Map.entry("resolved", 5), Map.entry("handOvers", 6), Map.entry("signedFor", 4),
            Map.entry("signedOnTime", 3), Map.entry("returned", 1), Map.entry("closed", 2), Map.entry("redone", 1),
            Map.entry("completionDue", 4), Map.entry("resolvedOnTime", 3), Map.entry("urbanDispatched", 1),
            Map.entry("urbanDisposed", 1), Map.entry("revisits", 2), Map.entry("satisfied", 1));
    private static final Map<String, Object> RATES_BY_HAND = Map.of("signedFor", 0.6667f, "signedOnTime", 0.5f, "returned", 0.1667f,
            "redone", 0.5f, "resolvedOnTime", 0.75f, "resolved", 1.0f, "immediate", 0.1667f, "disposed", 1.0f, "satisfied", 0.5f);
    private static boolean loaded;

    @Inject
    TestStack stack;

    @Inject
    LiveKpis live;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void february2025() throws Exception {
        if (loaded) {
            return;
        }
        try (Connection db = stack.database()) {
            // T1: dispatched to 修山镇, signed for on time, resolved by its deadline, closed, revisited 满意.
            UUID t1 = ticket(db, "T1", "12345", "CS-0105", "430922104", XIUSHAN, "REVISITED", at(3, 9, 0), at(10, 17, 30), null, false);
            steps(db, t1, XIUSHAN, new Object[][] {
                    {"TicketReceived", at(3, 9, 0), null, null}, {"TicketDispatched", at(3, 10, 0), at(3, 12, 0), null},
                    {"TicketSignedFor", at(3, 11, 0), null, null}, {"TicketStarted", at(3, 11, 30), null, null},
                    {"TicketResolved", at(5, 10, 0), null, null}, {"TicketVerified", at(5, 16, 0), null, null},
                    {"TicketClosed", at(6, 9, 0), null, null}, {"TicketRevisited", at(7, 9, 0), null, "满意"}});
            // T6: a second caller about T1's problem, merged into it: a volume, not a second piece of work.
            UUID t6 = ticket(db, "T6", "12345", "CS-0105", "430922104", XIUSHAN, "MERGED", at(3, 9, 30), null, "T1", false);
            steps(db, t6, XIUSHAN, new Object[][] {{"TicketReceived", at(3, 9, 30), null, null}, {"TicketMerged", at(3, 9, 40), null, null}});
            // T2: signed for late, red card, resolved after its deadline, closed, 不满意, redone (a hand-over not yet signed).
            UUID t2 = ticket(db, "T2", "12345", "CS-0105", "430922104", XIUSHAN, "DISPATCHED", at(4, 9, 0), at(14, 17, 30), null, false);
            steps(db, t2, XIUSHAN, new Object[][] {
                    {"TicketReceived", at(4, 9, 0), null, null}, {"TicketDispatched", at(4, 10, 0), at(4, 12, 0), null},
                    {"TicketSignedFor", at(4, 15, 0), null, null}, {"TicketStarted", at(4, 15, 30), null, null},
                    {"RedCardRaised", at(14, 17, 30), null, null}, {"TicketResolved", at(20, 10, 0), null, null},
                    {"TicketVerified", at(20, 16, 0), null, null}, {"TicketClosed", at(21, 9, 0), null, null},
                    {"TicketRevisited", at(22, 9, 0), null, "不满意"}, {"TicketRedone", at(22, 10, 0), at(22, 12, 0), null}});
            // T3: dispatched to 修山镇, returned, sent on to 武潭镇, signed for on time, resolved by its deadline.
            UUID t3 = ticket(db, "T3", "12345", "GT-002", "430922104", WUTAN, "RESOLVED", at(5, 9, 0), at(12, 17, 30), null, false);
            steps(db, t3, null, new Object[][] {
                    {"TicketReceived", at(5, 9, 0), null, null, XIUSHAN}, {"TicketDispatched", at(5, 10, 0), at(5, 12, 0), null, XIUSHAN},
                    {"TicketReturned", at(5, 11, 0), null, null, XIUSHAN}, {"TicketReturnAccepted", at(5, 14, 0), at(5, 16, 0), null, WUTAN},
                    {"TicketSignedFor", at(5, 15, 0), null, null, WUTAN}, {"TicketStarted", at(5, 15, 30), null, null, WUTAN},
                    {"TicketResolved", at(6, 10, 0), null, null, WUTAN}});
            // T4: an urban case at 武潭镇: dispatched, signed for on time, resolved by its deadline (处置).
            UUID t4 = ticket(db, "T4", "urban", "CS-0101", "430922103", WUTAN, "RESOLVED", at(6, 9, 0), at(15, 17, 30), null, false);
            steps(db, t4, WUTAN, new Object[][] {
                    {"TicketReceived", at(6, 9, 0), null, null}, {"TicketDispatched", at(6, 9, 10), at(6, 11, 0), null},
                    {"TicketSignedFor", at(6, 10, 0), null, null}, {"TicketStarted", at(6, 10, 30), null, null},
                    {"TicketResolved", at(8, 10, 0), null, null}});
            // T5: a consultation answered on the phone (即办).
            UUID t5 = ticket(db, "T5", "12345", null, "430922104", CENTER, "CLOSED", at(7, 9, 0), null, null, true);
            steps(db, t5, CENTER, new Object[][] {{"TicketReceived", at(7, 9, 0), null, null}, {"TicketAnsweredAtIntake", at(7, 9, 5), null, null}});
        }
        loaded = true;
    }

    @Test
    void theCountysFiguresEqualTheHandComputedOnesAndADirectCount() throws Exception {
        JsonPath county = report("county", "supervisor");
        Map<String, Object> counts = county.getMap("rows[0].counts");
        BY_HAND.forEach((name, value) -> assertEquals(value, counts.get(name), name + " in " + counts));
        Map<String, Object> rates = county.getMap("rows[0].rates");
        RATES_BY_HAND.forEach((name, value) -> assertEquals(value, rates.get(name), name + " in " + rates));
        assertEquals(direct("SELECT count(*) FROM ticket WHERE received_at >= ? AND received_at < ?"),
                ((Number) counts.get("received")).longValue());
        assertEquals(direct("SELECT count(*) FROM ticket_event WHERE type IN ('TicketDispatched', 'TicketReturnAccepted',"
                + " 'TicketReturnRejected', 'TicketReassigned', 'TicketEscalated', 'TicketRedone') AND occurred_at >= ? AND occurred_at < ?"),
                ((Number) counts.get("handOvers")).longValue());
        assertEquals(1, county.getList("overdue").size());
        assertEquals(number("T2"), county.getString("overdue[0].ticketNumber"));
    }

    @Test
    void eachUnitIsAssessedForWhatItHandledAndRanked() {
        JsonPath units = report("unit", "dispatcher");
        Map<String, Object> xiushan = units.getMap("rows.find { it.key == '" + XIUSHAN + "' }.counts");
        assertEquals(3, xiushan.get("received"), "T1, T2 and the caller merged into T1");
        assertEquals(2, xiushan.get("handled"), "an incident counts once");
        assertEquals(4, xiushan.get("handOvers"), "T1, T2, T2's redo and T3 before it was returned");
        assertEquals(2, xiushan.get("signedFor"));
        assertEquals(1, xiushan.get("signedOnTime"));
        assertEquals(1, xiushan.get("returned"));
        assertEquals(2, xiushan.get("completionDue"));
        assertEquals(1, xiushan.get("resolvedOnTime"));
        Map<String, Object> wutan = units.getMap("rows.find { it.key == '" + WUTAN + "' }.counts");
        assertEquals(2, wutan.get("handOvers"));
        assertEquals(2, wutan.get("signedOnTime"));
        assertEquals(2, wutan.get("resolvedOnTime"));
        assertEquals(WUTAN, units.getString("ranking[0].unitCode"), "按时办结率 1.0 before 0.5");
        assertEquals("武潭镇便民服务中心", units.getString("ranking[0].unitName"));
    }

    @Test
    void anOfficialSeesTheirOwnUnitAndTheCsvOpensInASpreadsheet() {
        JsonPath own = report("unit", "official-xiushan");
        own.getList("rows.key", String.class).forEach(key -> assertEquals(true, key.startsWith("430922104"), key));
        as("official-xiushan").when().get("/api/v1/reports/assessment?month=2025-02&unit=" + WUTAN).then().statusCode(403);
        as("supervisor").header("Accept", "text/csv").when().get("/api/v1/reports/assessment?month=2025-02&by=county")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("\uFEFF分组 key,名称 name,受理量 received")).body(containsString("430922,桃江县,6,1,5,5,6,4,3,1,2,1,4,3,1,1,2,1,"));
        as("supervisor").when().get("/api/v1/reports/assessment?month=2025-13").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
        as("supervisor").when().get("/api/v1/reports/assessment?month=2025-02&by=village").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
    }

    @Test
    void theLiveFiguresRebuiltFromPostgresqlEqualTheReportTheHandComputedOnesAndADirectCount() throws Exception {
        live.rebuildFrom(FEBRUARY.atDay(1).atStartOfDay(BEIJING).toInstant()).await().atMost(Duration.ofSeconds(60));
        liveEqualsTheReport(live);
    }

    @Test
    void theLiveFiguresCountedFromTheFixturesEventsEqualTheReportInWhateverOrderTheyArrive() throws Exception {
        List<TicketEvent> events = fixtureEvents();
        assertEquals(34, events.size(), "every step of the six tickets");
        LiveKpis counted = new LiveKpis(null, json, Clock.systemUTC(), 2);
        counted.countFrom(FEBRUARY.atDay(1).atStartOfDay(BEIJING).toInstant());
        // Newest first, then all again in order: a ticket's facts come together whatever the order, and a
        // redelivered event changes nothing.
        List<TicketEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        reversed.forEach(counted::apply);
        events.forEach(counted::apply);
        liveEqualsTheReport(counted);
    }

    /** By county, unit and channel: every count and rate of {@code kpis} equals the report's; the county's, the hand-computed ones. */
    private void liveEqualsTheReport(LiveKpis kpis) throws Exception {
        for (KpiQueries.Dimension dimension : List.of(KpiQueries.Dimension.COUNTY, KpiQueries.Dimension.UNIT, KpiQueries.Dimension.CHANNEL)) {
            JsonPath report = report(dimension.name().toLowerCase(Locale.ROOT), "supervisor");
            List<KpiQueries.Counts> counted = kpis.counts(FEBRUARY, dimension, null);
            assertEquals(report.getList("rows.key"), counted.stream().map(KpiQueries.Counts::key).toList(), dimension + " groups");
            for (KpiQueries.Counts c : counted) {
                Map<String, Object> reported = report.getMap("rows.find { it.key == '" + c.key() + "' }.counts");
                Map<String, Object> liveCounts = json.convertValue(c, new TypeReference<Map<String, Object>>() { });
                liveCounts.forEach((name, value) -> {
                    if (value instanceof Double seconds) {
                        assertEquals(((Number) reported.get(name)).doubleValue(), seconds, 1.0, dimension + " " + c.key() + " " + name);
                    } else if (!"key".equals(name)) {
                        assertEquals(((Number) reported.get(name)).longValue(), ((Number) value).longValue(),
                                dimension + " " + c.key() + " " + name);
                    }
                });
                Map<String, Object> reportedRates = report.getMap("rows.find { it.key == '" + c.key() + "' }.rates");
                json.convertValue(Assessment.Rates.of(c), new TypeReference<Map<String, Object>>() { }).forEach((name, value) -> {
                    String what = dimension + " " + c.key() + " " + name;
                    if (value == null || reportedRates.get(name) == null) {
                        assertEquals(reportedRates.get(name), value, what);
                    } else {
                        assertEquals(((Number) reportedRates.get(name)).doubleValue(), ((Number) value).doubleValue(), 1e-4, what);
                    }
                });
            }
        }
        KpiQueries.Counts county = kpis.counts(FEBRUARY, KpiQueries.Dimension.COUNTY, null).get(0);
        Map<String, Object> countyCounts = json.convertValue(county, new TypeReference<Map<String, Object>>() { });
        BY_HAND.forEach((name, value) -> assertEquals(((Number) value).longValue(), ((Number) countyCounts.get(name)).longValue(), name));
        Map<String, Object> rates = json.convertValue(Assessment.Rates.of(county), new TypeReference<Map<String, Object>>() { });
        RATES_BY_HAND.forEach((name, value) -> assertEquals(((Number) value).doubleValue(), ((Number) rates.get(name)).doubleValue(), 1e-6, name));
        DIRECT.forEach((name, sql) -> {
            try {
                assertEquals(direct(sql), ((Number) countyCounts.get(name)).longValue(), name + ": " + sql);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(WUTAN, XIUSHAN, CENTER), AssessmentResource.ranking(kpis.counts(FEBRUARY, KpiQueries.Dimension.UNIT, null)
                .stream().map(c -> new Assessment.Row(c.key(), c.key(), c, Assessment.Rates.of(c))).toList())
                .stream().map(Assessment.Ranked::unitCode).toList(), "the live figures rank as the report does");
    }

    /** Each count of the county as a plain SQL count over the month ($1, $2), written apart from the report's queries. */
    private static final Map<String, String> DIRECT = Map.ofEntries(
            Map.entry("received", "SELECT count(*) FROM ticket WHERE received_at >= ? AND received_at < ?"),
            Map.entry("immediate", "SELECT count(*) FROM ticket WHERE immediate AND received_at >= ? AND received_at < ?"),
            Map.entry("handled", "SELECT count(*) FROM ticket WHERE status <> 'MERGED' AND received_at >= ? AND received_at < ?"),
            Map.entry("resolved", "SELECT count(*) FROM ticket t WHERE status <> 'MERGED' AND received_at >= ? AND received_at < ?"
                    + " AND EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.type IN ('TicketResolved', 'TicketAnsweredAtIntake'))"),
            Map.entry("handOvers", "SELECT count(*) FROM ticket_event WHERE type IN ('TicketDispatched', 'TicketReturnAccepted',"
                    + " 'TicketReturnRejected', 'TicketReassigned', 'TicketEscalated', 'TicketRedone') AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("signedFor", "SELECT count(*) FROM ticket_event WHERE type = 'TicketSignedFor' AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("returned", "SELECT count(*) FROM ticket_event WHERE type = 'TicketReturned' AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("closed", "SELECT count(*) FROM ticket_event WHERE type = 'TicketClosed' AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("redone", "SELECT count(*) FROM ticket_event WHERE type = 'TicketRedone' AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("revisits", "SELECT count(*) FROM ticket_event WHERE type = 'TicketRevisited'"
                    + " AND data::jsonb ->> 'satisfaction' IS NOT NULL AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("satisfied", "SELECT count(*) FROM ticket_event WHERE type = 'TicketRevisited' AND data::jsonb ->> 'satisfaction'"
                    + " IN ('非常满意', '满意', '基本满意') AND occurred_at >= ? AND occurred_at < ?"),
            Map.entry("completionDue", "SELECT count(*) FROM ticket WHERE status <> 'MERGED' AND completion_deadline >= ? AND completion_deadline < ?"),
            Map.entry("resolvedOnTime", "SELECT count(*) FROM ticket t WHERE status <> 'MERGED' AND completion_deadline >= ?"
                    + " AND completion_deadline < ? AND (SELECT min(occurred_at) FROM ticket_event e WHERE e.ticket_id = t.id"
                    + " AND e.type = 'TicketResolved') <= completion_deadline"),
            Map.entry("urbanDispatched", "SELECT count(*) FROM ticket t WHERE channel = 'urban' AND status <> 'MERGED'"
                    + " AND received_at >= ? AND received_at < ? AND EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id"
                    + " AND e.type = 'TicketDispatched')"));

    /** The fixture's timeline as the relay would publish it: each step an event with the ticket's state after it. */
    private List<TicketEvent> fixtureEvents() throws Exception {
        List<TicketEvent> events = new ArrayList<>();
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement("""
                SELECT t.id, t.ticket_number, t.channel, t.status, t.township_code, t.catalog_code, t.immediate, t.received_at,
                       t.completion_deadline, t.merged_into, e.id AS event_id, e.version, e.type, e.unit_code, e.occurred_at,
                       e.stage_deadline, e.data::jsonb ->> 'satisfaction' AS satisfaction
                FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id
                WHERE t.source_id LIKE 'kpi-fixture-%' ORDER BY t.ticket_number, e.version""");
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                UUID id = r.getObject("id", UUID.class);
                String unit = r.getString("unit_code");
                TicketSnapshot ticket = new TicketSnapshot(id, r.getString("ticket_number"), r.getString("channel"), "fixture",
                        TicketStatus.valueOf(r.getString("status")), TicketKind.COMPLAINT, Urgency.NORMAL, "考核样例", null, null,
                        Contact.NONE, JsonNodeFactory.instance.objectNode(), null, r.getString("township_code"), null, null,
                        TicketSnapshot.Ref.of(unit, unit), TicketSnapshot.Ref.of(r.getString("catalog_code"), "事项"), null, null,
                        "operator", r.getBoolean("immediate"), null, r.getString("satisfaction"), false, 0, r.getString("merged_into"),
                        0, List.of(), shown(r.getTimestamp("stage_deadline")),
                        new TicketSnapshot.TimeLimits(null, shown(r.getTimestamp("completion_deadline")), null, Card.NONE, null, false, false),
                        shown(r.getTimestamp("received_at")), shown(r.getTimestamp("received_at")), "operator", r.getInt("version"));
                events.add(new TicketEvent(TicketEvent.SCHEMA_VERSION, r.getObject("event_id", UUID.class), r.getString("type"), id,
                        r.getString("ticket_number"), r.getInt("version"), r.getTimestamp("occurred_at").toInstant(), "fixture", null,
                        "TicketRevisited".equals(r.getString("type")) ? new TicketChange.TicketRevisited(r.getString("satisfaction")) : null,
                        ticket));
            }
        }
        return events;
    }

    private static OffsetDateTime shown(Timestamp at) {
        return at == null ? null : at.toInstant().atZone(BEIJING).toOffsetDateTime();
    }

    private static JsonPath report(String by, String account) {
        return as(account).when().get("/api/v1/reports/assessment?month=2025-02&by=" + by).then().statusCode(200)
                .extract().jsonPath();
    }

    private long direct(String sql) throws Exception {
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(LocalDateTime.of(2025, 2, 1, 0, 0).atZone(BEIJING).toInstant()));
            query.setTimestamp(2, Timestamp.from(LocalDateTime.of(2025, 3, 1, 0, 0).atZone(BEIJING).toInstant()));
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Timestamp at(int day, int hour, int minute) {
        return Timestamp.from(LocalDateTime.of(2025, 2, day, hour, minute).atZone(BEIJING).toInstant());
    }

    private static String number(String name) {
        return "430922-20250201-9" + String.format("%05d", name.charAt(1) - '0');
    }

    private static UUID ticket(Connection db, String name, String channel, String matter, String township, String unit,
            String status, Timestamp received, Timestamp completionDeadline, String mergedInto, boolean immediate) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO ticket (id, ticket_number, channel, source_id, status, kind, urgency, text, source_time, received_at,
                    received_by, version, responsible, unit_code, township_code, catalog_code, completion_deadline, merged_into,
                    immediate, location_precision, card)
                VALUES (?, ?, ?, ?, ?, 'COMPLAINT', 'NORMAL', '考核样例', ?, ?, 'operator', 1, 'operator', ?, ?, ?, ?, ?, ?, 'TOWNSHIP', 'NONE')""")) {
            insert.setObject(1, id);
            insert.setString(2, number(name));
            insert.setString(3, channel);
            insert.setString(4, "kpi-fixture-" + id);
            insert.setString(5, status);
            insert.setTimestamp(6, received);
            insert.setTimestamp(7, received);
            insert.setString(8, unit);
            insert.setString(9, township);
            insert.setString(10, matter);
            insert.setTimestamp(11, completionDeadline);
            insert.setString(12, mergedInto == null ? null : number(mergedInto));
            insert.setBoolean(13, immediate);
            insert.executeUpdate();
        }
        return id;
    }

    /** Timeline rows: type, when, the stage deadline it set, the revisit's answer, and the unit when it differs per step. */
    private static void steps(Connection db, UUID ticket, String unit, Object[][] steps) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO ticket_event (id, ticket_id, version, type, to_status, actor, data, responsible, unit_code,
                    occurred_at, stage_deadline)
                VALUES (?, ?, ?, ?, 'RECEIVED', 'fixture', ?, 'operator', ?, ?, ?)""")) {
            for (int i = 0; i < steps.length; i++) {
                Object[] step = steps[i];
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, ticket);
                insert.setInt(3, i + 1);
                insert.setString(4, (String) step[0]);
                insert.setString(5, step[3] == null ? "{}" : "{\"satisfaction\": \"" + step[3] + "\"}");
                insert.setString(6, step.length > 4 ? (String) step[4] : unit);
                insert.setTimestamp(7, (Timestamp) step[1]);
                insert.setTimestamp(8, (Timestamp) step[2]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
