package io.lastmile.bench;

import io.lastmile.TestStack;
import io.lastmile.duplicates.DuplicatesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's burst: 2,000 hotline calls about four incidents in one township within ten minutes
 * (village-only addresses, each caller in their own words), then 20,000 varied calls across the
 * county. Both go in as 12345 records on {@code intake.12345}, through intake, the outbox, Kafka and
 * incident detection. Prints the intake throughput (records to tickets in PostgreSQL) and the
 * detection throughput, detection time per ticket (p50, p99: {@code lastmile.incidents.detection}),
 * the rows detection wrote (at most one per ticket) and what became of the burst's callers.
 *
 * <p>Run with the production thresholds (the test profile never links, see application.properties):
 * {@code ./mvnw verify -Pbench -DskipITs -Dtest=IncidentBurstBenchmark
 * -D%test.lastmile.duplicates.link-at=0.56 -D%test.lastmile.duplicates.village-link-at=0.6};
 * {@code -Dbench.burst=N} and {@code -Dbench.varied=N} change the counts (2000, 20000).
 */
@QuarkusTest
class IncidentBurstBenchmark {

    private static final int BURST = Integer.getInteger("bench.burst", 2000);
    private static final int VARIED = Integer.getInteger("bench.varied", 20000);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LDSJ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The four incidents of the burst: a village of 修山镇 and the parts callers say it with. */
    private record Incident(String name, String village, String[] what, String[] happened, String[] effect) {
    }

    private static final List<Incident> INCIDENTS = List.of(
            new Incident("fallen tree", "花桥港村", new String[] {"村口那棵大树", "路边一棵老樟树", "组道上的大树", "我们这里一棵树"},
                    new String[] {"被风刮倒了", "倒了", "倒在路上", "横倒在马路中间", "连根倒下来"},
                    new String[] {"车子过不去", "路堵死了", "摩托车都过不去", "挡住了路", "压断了电线杆旁边的护栏"}),
            new Incident("power cut", "花桥港村", new String[] {"整个村", "我们组", "家里", "这边一片"},
                    new String[] {"停电了", "没电了", "断电好几个小时", "突然没有电了", "又停电"},
                    new String[] {"冰箱里的东西要坏了", "什么时候来电", "电一直没来", "晚上黑漆漆的", "请供电所快点修"}),
            new Incident("water cut", "修山村", new String[] {"自来水", "村里的水", "我们家水龙头", "全组"},
                    new String[] {"停水了", "一滴水都没有", "停了一上午", "没有水了", "水管爆了停水"},
                    new String[] {"做饭都没水", "什么时候恢复供水", "老人小孩没水喝", "请水厂派人来", "到现在还没来水"}),
            new Incident("road collapse", "修山村", new String[] {"通村公路", "村口的水泥路", "组道", "去镇上的路"},
                    new String[] {"塌方了", "路面塌陷", "垮了一大块", "被水冲断了", "塌了一个大坑"},
                    new String[] {"车过不去", "很危险", "学生上学走不了", "请派人来看看", "要出事的"}));

    @Inject
    TestStack stack;

    @Inject
    MeterRegistry metrics;

    @Inject
    DuplicatesConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aBurstOfCallsAboutAFewIncidentsThenVariedCalls() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(16);
        System.out.printf("BENCH incidents: thresholds link %.2f, village link %.2f, suggest %.2f, village suggest %.2f%n",
                config.linkAt(), config.villageLinkAt(), config.suggestAt(), config.villageSuggestAt());

        Map<String, String> incidentOfSource = new LinkedHashMap<>();
        List<byte[]> burst = new ArrayList<>();
        LocalDateTime start = LocalDateTime.now(BEIJING).minusMinutes(12);
        for (int i = 0; i < BURST; i++) {
            Incident incident = INCIDENTS.get(random.nextInt(INCIDENTS.size()));
            String text = incident.village() + pick(random, incident.what()) + pick(random, incident.happened()) + "，"
                    + pick(random, incident.effect());
            String source = "BURST-" + run + "-" + i;
            incidentOfSource.put(source, incident.name());
            burst.add(record(source, start.plusSeconds((long) i * 600 / BURST), text,
                    "桃江县修山镇" + incident.village()));
        }
        List<String[]> calls = labelledCalls();
        String[] villages = {"桃花江镇株木潭村", "灰山港镇金家坪村", "武潭镇罗家坪村", "修山镇修山村", "大栗港镇兴坪村", "浮邱山乡枳木山村",
                "桃花江镇桃花东路社区", "灰山港镇灰山港社区", "武潭镇武潭社区", "修山镇花桥港村", "大栗港镇大栗港社区", "浮邱山乡浮邱山村"};
        List<byte[]> varied = new ArrayList<>();
        LocalDateTime variedStart = LocalDateTime.now(BEIJING).minusHours(48);
        for (int i = 0; i < VARIED; i++) {
            String[] call = calls.get(random.nextInt(calls.size()));
            String address = call[0].isEmpty() ? "桃江县" + villages[random.nextInt(villages.length)] : call[0];
            varied.add(record("VARIED-" + run + "-" + i, variedStart.plusSeconds((long) i * 48 * 3600 / VARIED), call[1], address));
        }

        long detectedBefore = detected();
        Phase burstPhase = send("burst", burst, "BURST-" + run + "-%", detectedBefore);
        Phase variedPhase = send("varied", varied, "VARIED-" + run + "-%", detectedBefore + BURST);
        ValueAtPercentile[] percentiles = detections().takeSnapshot().percentileValues();

        Rows rows = rows(run);
        Map<String, Map<String, Integer>> burstOutcome = burstOutcome(run, incidentOfSource);
        System.out.printf("BENCH incidents: burst of %d calls about %d incidents: %s%n", BURST, INCIDENTS.size(), burstPhase);
        System.out.printf("BENCH incidents: then %d varied calls: %s%n", VARIED, variedPhase);
        System.out.printf("BENCH incidents: detection per ticket over the run p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentiles[0].value(TimeUnit.MILLISECONDS), percentiles[1].value(TimeUnit.MILLISECONDS),
                detections().max(TimeUnit.MILLISECONDS));
        System.out.printf("BENCH incidents: rows written %d for %d tickets (at most %d per ticket): %d links, %d suggestions%n",
                rows.total(), BURST + VARIED, rows.mostPerTicket(), rows.links(), rows.suggestions());
        System.out.printf("BENCH incidents: the burst's callers per incident: %s%n", burstOutcome);
        assertTrue(rows.mostPerTicket() <= 1, "at most one link or suggestion per ticket");
        assertEquals(BURST + VARIED, burstPhase.tickets() + variedPhase.tickets(), "every record became one ticket");
    }

    /** One phase: records sent, then tickets in PostgreSQL, then every one of them through detection. */
    record Phase(int tickets, double sendSeconds, double ticketsSeconds, double detectedSeconds) {
        @Override
        public String toString() {
            return "sent in %.1f s; all %d tickets in PostgreSQL after %.1f s (%.0f tickets/s end to end); all through"
                    .formatted(sendSeconds, tickets, ticketsSeconds, tickets / ticketsSeconds)
                    + " detection after %.1f s (%.0f tickets/s)".formatted(detectedSeconds, tickets / detectedSeconds);
        }
    }

    private Phase send(String name, List<byte[]> records, String sourcePattern, long detectionsBefore) throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>("intake.12345", name + "-" + i, records.get(i)));
            }
            producer.flush();
        }
        double sent = seconds(started);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        int stored = 0;
        while (System.nanoTime() < deadline && (stored = ticketsFrom(sourcePattern)) < records.size()) {
            Thread.sleep(250);
        }
        double inDatabase = seconds(started);
        while (System.nanoTime() < deadline && detected() < detectionsBefore + records.size()) {
            Thread.sleep(250);
        }
        return new Phase(stored, sent, inDatabase, seconds(started));
    }

    private Timer detections() {
        return metrics.get("lastmile.incidents.detection").timer();
    }

    /** Tickets detection decided on so far (the timer appears with the first one). */
    private long detected() {
        Timer timer = metrics.find("lastmile.incidents.detection").timer();
        return timer == null ? 0 : timer.count();
    }

    private int ticketsFrom(String sourcePattern) throws Exception {
        try (Connection db = stack.database();
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM ticket WHERE source_id LIKE ?")) {
            query.setString(1, sourcePattern);
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    record Rows(int total, int mostPerTicket, int links, int suggestions) {
    }

    private Rows rows(String run) throws Exception {
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement("""
                SELECT count(*), coalesce(max(n), 0), sum(links), sum(suggestions) FROM (
                    SELECT d.ticket_number, count(*) AS n, count(*) FILTER (WHERE d.decision = 'AUTO_LINKED') AS links,
                           count(*) FILTER (WHERE d.decision = 'SUGGESTED') AS suggestions
                    FROM duplicate_candidate d JOIN ticket t ON t.ticket_number = d.ticket_number
                    WHERE t.source_id LIKE ? OR t.source_id LIKE ? GROUP BY d.ticket_number) per_ticket""")) {
            query.setString(1, "BURST-" + run + "-%");
            query.setString(2, "VARIED-" + run + "-%");
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return new Rows(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4));
            }
        }
    }

    /**
     * Per incident of the burst: how many callers were linked, suggested or left on their own; how
     * many primaries the links went to (one is ideal: a caller only suggested stays an incident of
     * its own, and later callers may join it); and how many joined a primary of another incident.
     */
    private Map<String, Map<String, Integer>> burstOutcome(String run, Map<String, String> incidentOfSource) throws Exception {
        Map<String, String> incidentOfTicket = new java.util.HashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement("""
                SELECT t.ticket_number, t.source_id, t.merged_into, d.decision, d.candidate_number FROM ticket t
                LEFT JOIN duplicate_candidate d ON d.ticket_number = t.ticket_number
                WHERE t.source_id LIKE ?""")) {
            query.setString(1, "BURST-" + run + "-%");
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    incidentOfTicket.put(r.getString(1), incidentOfSource.get(r.getString(2)));
                    rows.add(new String[] {incidentOfSource.get(r.getString(2)), r.getString(3), r.getString(4), r.getString(5)});
                }
            }
        }
        Map<String, Map<String, Integer>> outcome = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> linkedInto = new LinkedHashMap<>();
        for (String[] row : rows) {
            Map<String, Integer> of = outcome.computeIfAbsent(row[0], k -> new LinkedHashMap<>());
            String how = row[1] != null ? "linked" : "SUGGESTED".equals(row[2]) ? "suggested" : "on its own";
            of.merge(how, 1, Integer::sum);
            if (row[1] != null) {
                linkedInto.computeIfAbsent(row[0], k -> new java.util.TreeSet<>()).add(row[1]);
            }
            if (row[3] != null && !row[0].equals(incidentOfTicket.get(row[3]))) {
                of.merge("joined another incident", 1, Integer::sum);
            }
        }
        linkedInto.forEach((incident, into) -> outcome.get(incident).put("primaries linked to", into.size()));
        return outcome;
    }

    private static byte[] record(String source, LocalDateTime at, String text, String address) {
        String json = """
                {"gdbh": "%s", "ldsj": "%s", "ldhm": "139073%05d", "lxr": "来电人", "sqlx": "求助", "sqnr": "%s",
                 "fsdz": "%s", "jjcd": "一般", "zxbh": "0812", "sfnm": false}"""
                .formatted(source, at.format(LDSJ), Math.abs(source.hashCode()) % 100_000, text.replace("\"", "'"), address);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The classifier's labelled calls (address, text): realistic, varied wording for the county's matters. */
    private static List<String[]> labelledCalls() throws Exception {
        List<String[]> calls = new ArrayList<>();
        for (String file : List.of("/classifier/tuning.tsv", "/classifier/held-out.tsv")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    IncidentBurstBenchmark.class.getResourceAsStream(file), StandardCharsets.UTF_8))) {
                in.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", -1))
                        .filter(c -> c.length == 3).forEach(c -> calls.add(new String[] {c[1], c[2]}));
            }
        }
        return calls;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
