package io.lastmile.bench;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.lastmile.TicketEventsLag;
import io.lastmile.demo.DemoRecords;
import io.lastmile.intake.Consumer12315Adapter;
import io.lastmile.intake.Environment12369Adapter;
import io.lastmile.intake.GridCaseAdapter;
import io.lastmile.intake.Hotline12345Adapter;
import io.lastmile.intake.KioskAdapter;
import io.lastmile.intake.SourceAdapter;
import io.lastmile.intake.UrbanCaseAdapter;
import io.lastmile.search.SearchBodies;
import io.lastmile.search.TicketSearch;
import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline against its own ceiling, in one run: the six intake topics → PostgreSQL → the
 * outbox → {@code ticket-events} → the search index, the command-center feed, automatic dispatch and
 * duplicate detection, all on, with production's time limits and incident thresholds; then the same
 * rows, payloads and documents written the cheapest way by hand (COPY in batches into tables with
 * the same indexes, one producer and one consumer, {@code _bulk}) on the same servers, and the ratio.
 * Also the search API over a million tickets beside the engine alone, and the index rebuilt from
 * them. Run with {@code ./mvnw verify -Pbench -DskipITs -Dtest=PipelineBenchmark}; the figures join the
 * run's table ({@link BenchFigures}). {@code -Dbench.intake-seconds=N} (60),
 * {@code -Dbench.steady-seconds=N} (30) and {@code -Dbench.search-tickets=N} (1,000,000) change the load.
 */
@QuarkusTest
@TestProfile(PipelineBenchmark.AsInProduction.class)
class PipelineBenchmark {

    private static final int INTAKE_SECONDS = Integer.getInteger("bench.intake-seconds", 60);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.steady-seconds", 30);
    private static final int STEADY_PER_SECOND = 100;
    private static final long SEARCH_TICKETS = Long.getLong("bench.search-tickets", 1_000_000L);
    /** Records produced but not yet stored: enough to keep every consumer busy, not a backlog of minutes. */
    private static final int AHEAD = 5_000;

    /** The test profile, with what production does on the intake path switched back on. */
    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String channel : List.of("urban", "12345", "12315", "12369", "grid")) {
                config.put("%test.lastmile.dispatch.auto.channels." + channel, "true");
            }
            config.put("%test.lastmile.duplicates.link-at", "0.56");
            config.put("%test.lastmile.duplicates.village-link-at", "0.6");
            config.put("%test.lastmile.sla.sign-for-critical", "1h");
            config.put("%test.lastmile.sla.queue-critical", "15m");
            config.put("%test.lastmile.sla.yellow-time-left", "2h");
            config.put("%test.lastmile.sla.kiosk-red-pickup", "5m");
            config.put("%test.lastmile.sla.kiosk-green-pickup", "30m");
            config.put("%test.lastmile.sla.auto-escalate-after-red", "24h");
            return config;
        }
    }

    @Inject
    TestStack stack;

    @Inject
    TicketSearch ticketSearch;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/v1/live/command-center")
    URI commandCenter;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePipelineAgainstItsCeiling() throws Exception {
        Instant intakeStart = Instant.now();
        double pipeline = intakeThroughput();
        intakeToScreenAtASteadyRate();
        ceiling(intakeStart, pipeline);
        // Last: the million synthetic tickets are open ones of the last 30 days (the time-limit watch's
        // load). Loaded first, they made intake run in a county with a million open tickets, where
        // each duplicate check read thousands of neighbours and the drain outlasted 15 minutes.
        searchOverAMillionTickets();
    }

    // --- Search ----------------------------------------------------------------------------------

    private void searchOverAMillionTickets() throws Exception {
        long inDatabase = count("SELECT count(*) FROM ticket");
        if (inDatabase < SEARCH_TICKETS) {
            double rate = stack.bulkLoader().load("PERF", SEARCH_TICKETS - inDatabase, i -> new SyntheticTickets.Due(
                    Instant.now().plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(31))));
            System.out.printf("[bench] loaded %,d synthetic tickets into PostgreSQL at %,.0f rows/s (COPY)%n",
                    SEARCH_TICKETS - inDatabase, rate);
        }
        long total = count("SELECT count(*) FROM ticket");
        long started = System.nanoTime();
        String job = Api.as("admin").when().post("/api/v1/admin/search/reindex").then().statusCode(202)
                .extract().header("Location");
        JsonPath state;
        do {
            Thread.sleep(2_000);
            state = Api.as("admin").when().get(job).then().statusCode(200).extract().jsonPath();
        } while (state.getString("finishedAt") == null);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals("DONE", state.getString("phase"), state.prettify());
        BenchFigures.add("index rebuilt from PostgreSQL, %,d tickets".formatted(total),
                "%.0f s, %,.0f tickets/s".formatted(seconds, total / seconds), "1 M in < 300 s",
                seconds * 1_000_000 / total < 300);

        // A dispatcher's searches: words, a township, a state, a matter, a channel; facets and histogram always.
        List<String[]> queries = List.of(
                new String[] {"路灯", "修山镇", null, null, null},
                new String[] {"垃圾", null, "IN_PROGRESS", null, null},
                new String[] {"自来水", "武潭镇", null, "NL-001", null},
                new String[] {null, "灰山港镇", "SIGNED_FOR", null, "12345"},
                new String[] {"宅基地", null, null, null, null},
                new String[] {"通村公路", "大栗港镇", "IN_PROGRESS", null, "12345"});
        List<Long> api = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        String token = DemoLogins.token("dispatcher");
        URI base = URI.create(commandCenter.toString().replace("/api/v1/live/command-center", ""));
        for (int round = 0; round < 60; round++) {
            for (String[] q : queries) {
                StringBuilder uri = new StringBuilder(base + "/api/v1/search?size=20");
                param(uri, "q", q[0]);
                param(uri, "township", q[1]);
                param(uri, "status", q[2]);
                param(uri, "category", q[3]);
                param(uri, "channel", q[4]);
                long t = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                long apiNanos = System.nanoTime() - t;
                assertEquals(200, answer.statusCode(), answer.body());
                String body = SearchBodies.countyWide(ticketSearch, q[0], q[1], q[2], q[3], q[4]);
                t = System.nanoTime();
                HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(stack.searchUri() + "/tickets/_search"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long rawNanos = System.nanoTime() - t;
                assertEquals(200, engine.statusCode(), engine.body());
                // The first rounds warm the caches of both alike; they are not counted.
                if (round >= 10) {
                    api.add(apiNanos);
                    raw.add(rawNanos);
                    Matcher m = Pattern.compile("\"took\":(\\d+)").matcher(engine.body());
                    if (m.find()) {
                        took.add(Long.parseLong(m.group(1)) * 1_000_000);
                    }
                }
            }
        }
        double apiP50 = percentile(api, 0.50), apiP95 = percentile(api, 0.95);
        double rawP50 = percentile(raw, 0.50), rawP95 = percentile(raw, 0.95);
        BenchFigures.add("search API over %,d tickets, filters and facets (%d searches)".formatted(total, api.size()),
                "p50 %.1f ms, p95 %.1f ms".formatted(apiP50, apiP95), "p95 < 50 ms", apiP95 < 50);
        BenchFigures.add("the same queries to the engine alone (its own `took` p50 %.0f ms)".formatted(percentile(took, 0.5)),
                "p50 %.1f ms, p95 %.1f ms".formatted(rawP50, rawP95));
        BenchFigures.add("search API / engine alone, p95", "%.2f×".formatted(apiP95 / rawP95), "≤ 1.3×", apiP95 / rawP95 <= 1.3);
    }

    private static void param(StringBuilder uri, String name, String value) {
        if (value != null) {
            uri.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    // --- Intake throughput ------------------------------------------------------------------------

    private final List<DemoRecords.SourceRecord> produced = new ArrayList<>();
    private final DemoRecords records = new DemoRecords(new Random(2026_12_07L));

    /** As fast as the pipeline takes them, for {@link #INTAKE_SECONDS}; answers tickets per second end to end. */
    private double intakeThroughput() throws Exception {
        ScreenClients screen = connect();
        Instant since = Instant.now();
        long before = count("SELECT count(*) FROM ticket");
        long started = System.nanoTime();
        long producing = started + INTAKE_SECONDS * 1_000_000_000L;
        int sent = 0;
        // Two presses of one kiosk within its source's time resolution are one press: count sources, not records.
        Set<String> sources = new java.util.HashSet<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            while (System.nanoTime() < producing) {
                long stored = count("SELECT count(*) FROM ticket") - before;
                for (int i = 0; i < AHEAD - (sent - stored) && System.nanoTime() < producing; i++) {
                    DemoRecords.SourceRecord record = records.next(Instant.now());
                    producer.send(new ProducerRecord<>("intake." + record.channel(), record.key(), record.value()));
                    produced.add(record);
                    if (sources.add(sourceOf(record))) {
                        sent++;
                    }
                }
                producer.flush();
                Thread.sleep(100);
            }
        }
        double producedFor = (System.nanoTime() - started) / 1e9;
        // Done when every ticket is stored, published, indexed and on the screen, and dispatch and
        // duplicate detection have read every event.
        Map<String, Double> reached = new java.util.LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        // A screen that falls behind a burst is told to resync (by design); whether the feed has read every
        // event is its consumer group's lag.
        String screens = screenFeedGroup();
        while (reached.size() < 6 && System.nanoTime() < deadline) {
            double at = (System.nanoTime() - started) / 1e9;
            if (!reached.containsKey("stored") && count("SELECT count(*) FROM ticket") - before >= sent) {
                reached.put("stored", at);
            }
            if (reached.containsKey("stored") && !reached.containsKey("published")
                    && count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0) {
                reached.put("published", at);
            }
            if (!reached.containsKey("indexed") && indexedSince(since) >= sent) {
                reached.put("indexed", at);
            }
            if (reached.containsKey("published")) {
                for (String[] group : new String[][] {{"on the screens' feed", screens}, {"dispatched", "lastmile-auto-dispatch"},
                        {"duplicates checked", "lastmile-duplicates"}}) {
                    if (!reached.containsKey(group[0]) && lag(group[1]) == 0) {
                        reached.put(group[0], at);
                    }
                }
            }
            Thread.sleep(200);
        }
        screen.abort();
        assertEquals(6, reached.size(), "the pipeline finished within 15 minutes: " + reached);
        double seconds = reached.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        long dispatched = count("SELECT count(*) FROM ticket_event WHERE type = 'TicketDispatched' AND actor = 'system'"
                + " AND occurred_at >= ?", since);
        long linked = count("SELECT count(*) FROM ticket WHERE merged_into IS NOT NULL AND received_at >= ?", since);
        long deadLetters = count("SELECT count(*) FROM intake_dead_letter WHERE received_at >= ?", since);
        double rate = sent / seconds;
        BenchFigures.add(("end-to-end intake, %,d tickets from %,d records produced over %.0f s (six topics; dispatched at"
                        + " receipt %,d, merged as duplicates %,d, dead letters %d)").formatted(sent, produced.size(), producedFor, dispatched, linked, deadLetters),
                "%,.0f tickets/s; the last ticket %s".formatted(rate, milestones(reached)), "≥ 1,000 tickets/s", rate >= 1000);
        assertEquals(0, deadLetters, "the demo's records are all valid");
        return rate;
    }

    private static String milestones(Map<String, Double> reached) {
        StringBuilder out = new StringBuilder();
        reached.forEach((what, at) -> out.append(out.isEmpty() ? "" : ", ").append(what).append(" at %.0f s".formatted(at)));
        return out.toString();
    }

    // --- Intake to screen ---------------------------------------------------------------------------

    private void intakeToScreenAtASteadyRate() throws Exception {
        ScreenClients clients = connect();
        ScreenClients.Screen screen = clients.screens.get(0);
        Instant since = Instant.now();
        Map<String, Long> sentMicros = new HashMap<>();
        long started = System.nanoTime();
        int total = STEADY_PER_SECOND * STEADY_SECONDS;
        int before = produced.size();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(started + i * 1_000_000_000L / STEADY_PER_SECOND - System.nanoTime());
                DemoRecords.SourceRecord record = records.next(Instant.now());
                sentMicros.putIfAbsent(sourceOf(record), ScreenClients.nowMicros());
                producer.send(new ProducerRecord<>("intake." + record.channel(), record.key(), record.value()));
                produced.add(record);
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (screen.firstArrivals().size() < sentMicros.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, Long> seen = screen.firstArrivals();
        clients.abort();
        List<Long> delays = new ArrayList<>();
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(
                "SELECT ticket_number, channel, source_id FROM ticket WHERE received_at >= ?")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Long sentAt = sentMicros.get(r.getString(2) + "/" + r.getString(3));
                    Long seenAt = seen.get(r.getString(1));
                    if (sentAt != null && seenAt != null) {
                        delays.add((seenAt - sentAt) * 1000);
                    }
                }
            }
        }
        assertTrue(delays.size() >= sentMicros.size() * 0.99, "the screen saw " + delays.size() + " of " + sentMicros.size()
                + " (closed: " + screen.closed + ")");
        double p99 = percentile(delays, 0.99);
        BenchFigures.add("intake record → command-center screen at %d records/s for %d s (%,d records)"
                        .formatted(STEADY_PER_SECOND, STEADY_SECONDS, produced.size() - before),
                "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms".formatted(percentile(delays, 0.5), percentile(delays, 0.95), p99),
                "p99 < 200 ms", p99 < 200);
    }

    // --- The ceiling --------------------------------------------------------------------------------

    /** The same work per ticket, done the cheapest way by hand on the same servers. */
    private void ceiling(Instant since, double pipeline) throws Exception {
        long tickets;
        double database;
        try (Connection c = stack.database(); Statement s = c.createStatement()) {
            for (String table : List.of("ticket", "ticket_event", "outbox_event")) {
                s.execute("DROP TABLE IF EXISTS bench_ceiling_" + table);
                s.execute("CREATE TABLE bench_ceiling_" + table + " (LIKE " + table + " INCLUDING ALL)");
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            String from = Timestamp.from(since).toInstant().toString();
            List<String> ticketRows = export(copy, "SELECT * FROM ticket WHERE received_at >= '" + from + "'");
            List<String> eventRows = export(copy, "SELECT e.* FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                    + " WHERE t.received_at >= '" + from + "'");
            List<String> outboxRows = export(copy, "SELECT * FROM outbox_event WHERE occurred_at >= '" + from + "'");
            tickets = ticketRows.size();
            long started = System.nanoTime();
            // Batches of 1,000 tickets with their timelines and outbox rows, one transaction each.
            c.setAutoCommit(false);
            for (int i = 0; i < ticketRows.size(); i += 1000) {
                double share = (double) i / ticketRows.size(), next = (double) Math.min(i + 1000, ticketRows.size()) / ticketRows.size();
                copyIn(copy, "bench_ceiling_ticket", ticketRows.subList(i, Math.min(i + 1000, ticketRows.size())));
                copyIn(copy, "bench_ceiling_ticket_event", slice(eventRows, share, next));
                copyIn(copy, "bench_ceiling_outbox_event", slice(outboxRows, share, next));
                c.commit();
            }
            database = tickets / ((System.nanoTime() - started) / 1e9);
            c.setAutoCommit(true);
            System.out.printf("[bench] ceiling rows: %,d tickets, %,d timeline entries, %,d outbox rows%n",
                    tickets, eventRows.size(), outboxRows.size());
            for (String table : List.of("ticket", "ticket_event", "outbox_event")) {
                s.execute("DROP TABLE bench_ceiling_" + table);
            }
        }
        double kafka = kafkaCeiling(since, tickets);
        double search = searchCeiling(since, tickets);
        double slowest = Math.min(database, Math.min(kafka, search));
        BenchFigures.add("ceiling: PostgreSQL, the same rows (ticket, timeline, outbox) by COPY, 1,000 tickets a transaction",
                "%,.0f tickets/s".formatted(database));
        BenchFigures.add("ceiling: Kafka, the same intake records and events produced and consumed once",
                "%,.0f tickets/s".formatted(kafka));
        BenchFigures.add("ceiling: the search engine, the same documents by `_bulk` of 1,000",
                "%,.0f tickets/s".formatted(search));
        BenchFigures.add("pipeline / its slowest raw component", "%.1f %%".formatted(100 * pipeline / slowest), "≥ 25 %",
                pipeline / slowest >= 0.25);
    }

    private static List<String> export(org.postgresql.copy.CopyManager copy, String query) throws Exception {
        StringWriter out = new StringWriter();
        copy.copyOut("COPY (" + query + ") TO STDOUT WITH (FORMAT csv)", out);
        List<String> rows = new ArrayList<>();
        // A CSV row may hold newlines inside quotes: split on the line ends outside them.
        String all = out.toString();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < all.length(); i++) {
            char ch = all.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\n' && !quoted) {
                rows.add(all.substring(start, i + 1));
                start = i + 1;
            }
        }
        return rows;
    }

    private static List<String> slice(List<String> rows, double from, double to) {
        return rows.subList((int) (rows.size() * from), (int) (rows.size() * to));
    }

    private static void copyIn(org.postgresql.copy.CopyManager copy, String table, List<String> rows) throws Exception {
        if (!rows.isEmpty()) {
            copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)", new StringReader(String.join("", rows)));
        }
    }

    private double kafkaCeiling(Instant since, long tickets) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        produced.forEach(r -> payloads.add(r.value()));
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(
                "SELECT payload FROM outbox_event WHERE occurred_at >= ?")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    payloads.add(r.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        String topic = "bench.ceiling." + UUID.randomUUID();
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of("ticket-events")).allTopicNames().get()
                    .get("ticket-events").partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            awaitLeaders(admin, topic);
        }
        // The first record alone, untimed: a fresh topic's leaders may still be settling on the broker.
        try (KafkaProducer<String, byte[]> producer = producer(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            producer.send(new ProducerRecord<>(topic, "warm-up", new byte[0])).get(2, TimeUnit.MINUTES);
        }
        long started = System.nanoTime();
        var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
        try (KafkaProducer<String, byte[]> producer = producer(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            int i = 0;
            for (byte[] payload : payloads) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i++ % 4096), payload), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the ceiling's records did not reach the broker", failure.get());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long read = 0;
            while (read < payloads.size() + 1) { // and the warm-up record
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            consumer.commitSync();
        }
        double rate = tickets / ((System.nanoTime() - started) / 1e9);
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        return rate;
    }

    private double searchCeiling(Instant since, long tickets) throws Exception {
        // The bench tickets' documents as the pipeline indexed them, read back in pages.
        List<String> documents = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String after = null;
        while (true) {
            String body = "{\"size\":5000,\"query\":{\"range\":{\"receivedAt\":{\"gte\":\"" + since + "\"}}},"
                    + "\"sort\":[{\"ticketNumber\":\"asc\"}]" + (after == null ? "" : ",\"search_after\":[" + after + "]") + "}";
            var page = json.readTree(post("/tickets/_search", body, "application/json")).path("hits").path("hits");
            if (page.isEmpty()) {
                break;
            }
            for (var hit : page) {
                documents.add("{\"index\":{\"_id\":\"" + hit.path("_id").asText() + "\"}}\n" + hit.path("_source").toString() + "\n");
            }
            after = page.get(page.size() - 1).path("sort").get(0).toString();
        }
        String concrete = json.readTree(get("/_alias/tickets")).fieldNames().next();
        var mappings = json.readTree(get("/" + concrete + "/_mapping")).path(concrete).path("mappings");
        String index = "bench-ceiling-" + UUID.randomUUID();
        put("/" + index, "{\"mappings\":" + mappings + "}");
        long started = System.nanoTime();
        for (int i = 0; i < documents.size(); i += 1000) {
            String response = post("/" + index + "/_bulk", String.join("", documents.subList(i, Math.min(i + 1000, documents.size()))),
                    "application/x-ndjson");
            assertTrue(response.contains("\"errors\":false"), response.substring(0, Math.min(400, response.length())));
        }
        post("/" + index + "/_refresh", "", "application/json");
        double rate = tickets / ((System.nanoTime() - started) / 1e9);
        http.send(HttpRequest.newBuilder(URI.create(stack.searchUri() + "/" + index)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("[bench] ceiling documents: %,d%n", documents.size());
        return rate;
    }

    // --- Helpers ------------------------------------------------------------------------------------

    private static final Map<String, SourceAdapter> ADAPTERS = Map.of(
            "12345", new Hotline12345Adapter(), "12315", new Consumer12315Adapter(),
            "12369", new Environment12369Adapter(), "urban", new UrbanCaseAdapter(),
            "kiosk", new KioskAdapter(), "grid", new GridCaseAdapter());

    /** The ticket's channel and source id, as its adapter reads them from the record. */
    private static String sourceOf(DemoRecords.SourceRecord record) {
        return record.channel() + "/" + ADAPTERS.get(record.channel()).toTicket(record.value(), Instant.now()).sourceId();
    }

    /** One command-center screen of the dispatcher, its snapshot received. */
    private ScreenClients connect() throws Exception {
        return new ScreenClients(URI.create(commandCenter.toString().replaceFirst("^http", "ws")), DemoLogins.token("dispatcher"), 1);
    }

    private KafkaProducer<String, byte[]> producer() {
        return producer(Map.of());
    }

    private KafkaProducer<String, byte[]> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.ACKS_CONFIG, "all",
                // A broker that stops answering fails the benchmark in two minutes instead of hanging it.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"));
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A topic just created has no leaders for a moment; an idempotent producer that meets
     * NOT_LEADER_OR_FOLLOWER on its first batches can then retry OUT_OF_ORDER_SEQUENCE_NUMBER for
     * ever (seen here, even after this wait: so the ceiling's producer is not idempotent, and sends
     * one untimed record first). The ceiling starts producing once every partition has a leader.
     */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topic " + topic + " has partitions without a leader after 30 s");
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The screens' consumer group of this replica (one per replica: lastmile-screens-<uuid>). */
    private String screenFeedGroup() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroups().all().get().stream().map(g -> g.groupId())
                    .filter(id -> id.startsWith("lastmile-screens-")).findFirst().orElseThrow();
        }
    }

    /** Records of ticket-events a consumer group has not yet committed. */
    private long lag(String group) throws Exception {
        try (Admin admin = admin()) {
            return TicketEventsLag.of(admin, group);
        }
    }

    private long indexedSince(Instant since) throws Exception {
        String answer = post("/tickets/_count", "{\"query\":{\"range\":{\"receivedAt\":{\"gte\":\"" + since + "\"}}}}",
                "application/json");
        Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(answer);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i] instanceof Instant at ? Timestamp.from(at) : parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private String post(String path, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.searchUri() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.searchUri() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.searchUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double percentile(List<Long> nanos, double share) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Long::compare);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
