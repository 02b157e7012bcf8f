package io.lastmile.bench;

import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The delay from an event to its delivery on 1,000 connected command-center screens: each screen
 * notes when every delta arrives, against the event's own {@code occurredAt} (set in the ticket's
 * transaction, so the figure holds the commit, the outbox relay, Kafka and the feed), and apart from
 * that, against the record's time on {@code ticket-events}: what the feed itself adds (its consumer,
 * the fan-out, the sockets). Tickets are created over
 * REST at a steady rate while all screens listen. Run with
 * {@code ./mvnw verify -Pbench -Dtest=ScreenFeedBenchmark}; {@code -Dbench.screens=N},
 * {@code -Dbench.tickets=N} and {@code -Dbench.tickets-per-second=N} change the load (1000, 200, 10);
 * {@code -Dbench.warm-up-tickets=N} (50) tickets go first, untimed. The screens ({@link ScreenClients})
 * run in the service's JVM; {@code -Dbench.screens-in=process} puts them in a process of their own.
 */
@QuarkusTest
class ScreenFeedBenchmark {

    private static final int SCREENS = Integer.getInteger("bench.screens", 1000);
    private static final int TICKETS = Integer.getInteger("bench.tickets", 200);
    private static final int PER_SECOND = Integer.getInteger("bench.tickets-per-second", 10);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up-tickets", 50);
    private static final Pattern ENVELOPE_NUMBER = Pattern.compile("\"ticketNumber\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ENVELOPE_VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    /**
     * Where the screens run: this JVM, or a process of their own ({@code -Dbench.screens-in=process}).
     * On two cores their own process measured slower (a second JVM's compiler and collector on the same
     * cores: p99 834 and 1,193 ms against 256–734 ms here), so this JVM is the default.
     */
    private static final boolean OWN_PROCESS = "process".equals(System.getProperty("bench.screens-in", "jvm"));

    /** The screens as the benchmark drives them, wherever they run. */
    private interface Watching extends AutoCloseable {
        double connectSeconds();

        /** The fewest deltas an open screen has, and how many screens were closed. */
        long[] fewestAndClosed() throws Exception;

        /** Stops them and answers every screen's notes. */
        List<ScreenClients.Screen> finish() throws Exception;
    }

    private static Watching inThisJvm(URI feed, String token) throws Exception {
        ScreenClients clients = new ScreenClients(feed, token, SCREENS);
        return new Watching() {
            public double connectSeconds() {
                return clients.connectSeconds;
            }

            public long[] fewestAndClosed() {
                return new long[] {clients.fewestDeltas(), clients.closed()};
            }

            public List<ScreenClients.Screen> finish() {
                clients.abort();
                return clients.screens;
            }

            public void close() {
                clients.abort();
            }
        };
    }

    private static Watching inTheirOwnProcess(URI feed, String token) throws Exception {
        Path notes = Files.createTempFile("screens-", ".txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ScreenClients.class.getName(),
                feed.toString(), token, String.valueOf(SCREENS), notes.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        String connected = answers.readLine();
        if (connected == null || !connected.startsWith("connected ")) {
            child.destroyForcibly();
            throw new IllegalStateException("the screens' process did not connect: " + connected);
        }
        return new Watching() {
            public double connectSeconds() {
                return Double.parseDouble(connected.substring("connected ".length()));
            }

            public long[] fewestAndClosed() throws IOException {
                commands.println("count");
                String[] answer = answers.readLine().split(" ");
                return new long[] {Long.parseLong(answer[1]), Long.parseLong(answer[2])};
            }

            public List<ScreenClients.Screen> finish() throws Exception {
                commands.println("done");
                String written = answers.readLine();
                if (!"written".equals(written)) {
                    throw new IllegalStateException("the screens' process did not write its notes: " + written);
                }
                child.waitFor(30, TimeUnit.SECONDS);
                List<ScreenClients.Screen> screens = ScreenClients.readFrom(notes, SCREENS);
                Files.deleteIfExists(notes);
                return screens;
            }

            public void close() throws IOException {
                child.destroyForcibly();
                Files.deleteIfExists(notes);
            }
        };
    }

    @TestHTTPResource("/api/v1/live/command-center")
    URI commandCenter;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void deltasReachAThousandScreensWithinTheirP99() throws Exception {
        URI feed = URI.create(commandCenter.toString().replaceFirst("^http", "ws"));
        String token = DemoLogins.token("dispatcher");
        Set<String> ours = ConcurrentHashMap.newKeySet();
        try (Watching screens = OWN_PROCESS ? inTheirOwnProcess(feed, token) : inThisJvm(feed, token)) {
            measure(screens, ours);
        }
    }

    private void measure(Watching screens, Set<String> ours) throws Exception {
        // The records' own times (set by the relay's producer): what the feed itself adds is measured from there.
        Map<String, Long> recordMicros = new ConcurrentHashMap<>();
        KafkaConsumer<String, String> topic = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = topic.partitionsFor("ticket-events").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        topic.assign(partitions);
        topic.seekToEnd(partitions);
        partitions.forEach(topic::position);
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(200))) {
                    Matcher number = ENVELOPE_NUMBER.matcher(record.value());
                    Matcher version = ENVELOPE_VERSION.matcher(record.value());
                    if (number.find() && version.find()) {
                        recordMicros.putIfAbsent(number.group(1) + ":" + version.group(1), record.timestamp() * 1000);
                    }
                }
            }
            topic.close();
        }, "bench-topic-reader");
        reader.start();

        // Untimed first: a running service has compiled the path from a ticket to a thousand sockets long
        // before; without this, the first tickets' deltas (each 1 % of the deliveries) are the p99.
        Set<String> warmUp = ConcurrentHashMap.newKeySet();
        createPaced(WARM_UP, warmUp);
        awaitDeltas(screens, warmUp.size());
        AtomicInteger created = new AtomicInteger(createPaced(TICKETS, ours));
        awaitDeltas(screens, warmUp.size() + ours.size());
        reading.set(false);
        reader.join();

        List<ScreenClients.Screen> notes = screens.finish();
        long[] all = notes.stream().flatMapToLong(s -> s.delaysOf(ours)).sorted().toArray();
        long[] feedOnly = notes.stream().flatMapToLong(s -> s.feedDelaysOf(ours, recordMicros)).sorted().toArray();
        long dropped = notes.stream().filter(s -> s.closed).count();
        long incomplete = notes.stream().filter(s -> s.ticketsSeen(ours) < ours.size()).count();
        String where = OWN_PROCESS ? "in a process of their own" : "in the service's JVM";
        System.out.printf("%n[bench] screen feed: %d screens (%s) connected in %.1f s; %d tickets at %d/s after %d untimed; %d deliveries%n",
                SCREENS, where, screens.connectSeconds(), created.get(), PER_SECOND, WARM_UP, all.length);
        System.out.printf("[bench] event -> delivery: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; screens dropped %d, "
                + "screens missing a ticket %d%n", at(all, 0.50), at(all, 0.95), at(all, 0.99), at(all, 1.0), dropped, incomplete);
        System.out.printf("[bench] of which the feed (record on ticket-events -> delivery, %d deliveries): p50 %.1f ms, "
                + "p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", feedOnly.length, at(feedOnly, 0.50), at(feedOnly, 0.95), at(feedOnly, 0.99), at(feedOnly, 1.0));
        System.out.printf("[bench] load average at the end: %s%n", loadAverage());
        BenchFigures.add("socket fan-out: event → %,d command-center screens (%s) at %d tickets/s".formatted(SCREENS, where, PER_SECOND),
                "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (of which the feed p99 %.0f ms)".formatted(at(all, 0.50), at(all, 0.95),
                        at(all, 0.99), at(feedOnly, 0.99)), "p99 < 200 ms", at(all, 0.99) < 200);
        assertEquals(0, dropped, "no screen dropped at this load");
        assertEquals(0, incomplete, "every screen got every ticket");
    }

    /**
     * Until every open screen has at least {@code deltas} deltas (a cheap count, so that waiting does not
     * take the cores the last deliveries need); whether each has every ticket is checked on the notes.
     */
    private static void awaitDeltas(Watching screens, int deltas) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> screens.fewestAndClosed()[0] >= deltas);
    }

    /** Creates {@code count} tickets over REST at {@link #PER_SECOND}, as a county's hotlines send them; answers how many. */
    private static int createPaced(int count, Set<String> numbers) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(started + i * 1_000_000_000L / PER_SECOND - System.nanoTime());
            numbers.add(as("operator").contentType(ContentType.JSON)
                    .body("{\"text\": \"基准测试 修山镇花桥港村路灯不亮 " + UUID.randomUUID() + "\", \"kind\": \"咨询\"}")
                    .when().post("/api/v1/tickets").then().statusCode(201).extract().<String>path("ticketNumber"));
        }
        return count;
    }

    /** The machine's load (other builds share it): the figures mean little without it. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static double at(long[] sortedMicros, double share) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(share * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }
}
