package io.lastmile.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * The screens of {@link ScreenFeedBenchmark} and {@link PipelineBenchmark}: WebSocket clients on the
 * command-center feed, each noting when every delta arrives. They run in the benchmark's JVM, or in a
 * process of their own ({@link #main}), as screens on a wall run on other machines. JDK classes only,
 * so that such a process needs nothing but this class.
 */
final class ScreenClients {

    private static final Pattern DELTA = Pattern.compile("\"ticketNumber\":\"([^\"]+)\",\"version\":(\\d+),\"occurredAt\":\"([^\"]+)\"");

    /** One screen: when each delta ({@code number:version}) arrived, and when its event occurred. */
    static final class Screen implements WebSocket.Listener {
        /** When each delta arrived, in microseconds since the epoch. */
        final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
        /** Each delta's {@code occurredAt}, parsed only after the run: the clients share the cores with the service. */
        final ConcurrentHashMap<String, String> occurred = new ConcurrentHashMap<>();
        final CompletableFuture<Void> snapshot = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = nowMicros();
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.startsWith("{\"type\":\"snapshot\"")) {
                    snapshot.complete(null);
                } else {
                    Matcher delta = DELTA.matcher(message);
                    if (delta.find()) {
                        String key = delta.group(1) + ":" + delta.group(2);
                        if (arrivals.putIfAbsent(key, now) == null) {
                            occurred.put(key, delta.group(3));
                        }
                    }
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        /** From each event's {@code occurredAt} to this screen, in microseconds, for the given tickets. */
        LongStream delaysOf(Set<String> tickets) {
            return arrivals.entrySet().stream().filter(e -> tickets.contains(ticketOf(e.getKey())))
                    .mapToLong(e -> e.getValue() - micros(Instant.parse(occurred.get(e.getKey()))));
        }

        /** From the record's time on ticket-events (the relay's send) to this screen, in microseconds. */
        LongStream feedDelaysOf(Set<String> tickets, Map<String, Long> recordMicros) {
            return arrivals.entrySet().stream()
                    .filter(e -> tickets.contains(ticketOf(e.getKey())) && recordMicros.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - recordMicros.get(e.getKey()));
        }

        /** When each ticket's first delta arrived, by ticket number. */
        Map<String, Long> firstArrivals() {
            Map<String, Long> first = new java.util.HashMap<>();
            arrivals.forEach((key, at) -> first.merge(ticketOf(key), at, Math::min));
            return first;
        }

        /** How many of the given tickets this screen got. */
        long ticketsSeen(Set<String> tickets) {
            return arrivals.keySet().stream().map(ScreenClients::ticketOf).filter(tickets::contains).distinct().count();
        }
    }

    final List<Screen> screens = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    final double connectSeconds;

    /** Connects {@code count} screens in waves of 50, each wave's snapshots before the next, as screens come back after a restart. */
    ScreenClients(URI feed, String token, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long connecting = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Screen screen = new Screen();
            screens.add(screen);
            sockets.add(client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(feed, screen).get(30, TimeUnit.SECONDS));
            if (i % 50 == 49 || i == count - 1) {
                CompletableFuture.allOf(screens.subList(i - i % 50, i + 1).stream().map(s -> s.snapshot)
                        .toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            }
        }
        connectSeconds = (System.nanoTime() - connecting) / 1e9;
    }

    /** The fewest deltas any open screen has: a cheap test of whether all may have everything. */
    int fewestDeltas() {
        return screens.stream().filter(s -> !s.closed).mapToInt(s -> s.arrivals.size()).min().orElse(0);
    }

    long closed() {
        return screens.stream().filter(s -> s.closed).count();
    }

    void abort() {
        sockets.forEach(WebSocket::abort);
    }

    /** Each screen's notes as lines: {@code screen key arrival occurredAt}, and {@code screen closed} for a dropped one. */
    void writeTo(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < screens.size(); i++) {
                Screen screen = screens.get(i);
                if (screen.closed) {
                    out.write(i + " closed\n");
                }
                for (var arrival : screen.arrivals.entrySet()) {
                    out.write(i + " " + arrival.getKey() + " " + arrival.getValue() + " " + screen.occurred.get(arrival.getKey()) + "\n");
                }
            }
        }
    }

    /** The screens as {@link #writeTo} wrote them. */
    static List<Screen> readFrom(Path file, int count) throws IOException {
        List<Screen> screens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            screens.add(new Screen());
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                String[] field = line.split(" ");
                Screen screen = screens.get(Integer.parseInt(field[0]));
                if (field[1].equals("closed")) {
                    screen.closed = true;
                } else {
                    screen.arrivals.put(field[1], Long.parseLong(field[2]));
                    screen.occurred.put(field[1], field[3]);
                }
            });
        }
        return screens;
    }

    /**
     * The screens in a process of their own: {@code <feed> <token> <count> <notes file>}. Prints
     * {@code connected <seconds>} once all have their snapshot, then answers each line on its input:
     * {@code count} with {@code count <fewest deltas> <closed>}, {@code done} by writing the notes
     * file, printing {@code written} and leaving.
     */
    public static void main(String[] args) throws Exception {
        ScreenClients clients = new ScreenClients(URI.create(args[0]), args[1], Integer.parseInt(args[2]));
        System.out.println("connected " + clients.connectSeconds);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            if (command.equals("count")) {
                System.out.println("count " + clients.fewestDeltas() + " " + clients.closed());
            } else if (command.equals("done")) {
                clients.abort();
                clients.writeTo(Path.of(args[3]));
                System.out.println("written");
                break;
            }
        }
        System.exit(0);
    }

    static String ticketOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }
}
