package io.lastmile.bench;

import io.lastmile.TestStack;
import io.lastmile.search.TicketSearchIndex;
import io.lastmile.ticket.TicketQueries;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time-limit watch at county scale: a million open tickets shaped like a county's backlog
 * ({@link SyntheticTickets.CountyMix}), of which 20,000 cross their yellow line at the same moment,
 * as they do when every working-day limit ends at 17:30. Prints how long the watch's due query
 * takes as the watch meets it (before any of them is flagged), and how long after the crossing
 * every one of them carries its card, and has its event published (target: all flagged within 5 s).
 * Run with {@code ./mvnw verify -Pbench -Dtest=TimeLimitScanBenchmark}; never part of the normal tests.
 */
@QuarkusTest
class TimeLimitScanBenchmark {

    private static final long OPEN_TICKETS = Long.getLong("bench.open-tickets", 1_000_000L);
    private static final int CROSSING = Integer.getInteger("bench.crossing", 20_000);

    @Inject
    TestStack stack;

    @Inject
    TicketSearchIndex searchIndex;

    @Test
    void twentyThousandCrossingsAmongAMillionOpenTicketsAreFlaggedWithinSeconds() throws Throwable {
        Instant loaded = Instant.now();
        SyntheticTickets loader = stack.bulkLoader();
        // Every clock falls due somewhere in the next three weeks, none in the next day.
        double rate = loader.load("BENCH", OPEN_TICKETS, i -> {
            Instant red = loaded.plus(Duration.ofDays(2 + i % 20)).plusSeconds(i % 86_400);
            return new SyntheticTickets.Due(red.minus(Duration.ofHours(20)), red);
        });
        System.out.printf("BENCH load: %,d open tickets at %,.0f rows/s (COPY)%n", OPEN_TICKETS, rate);
        // The index exists once the first event is indexed; a fresh run has had none yet.
        VertxContextSupport.subscribeAndAwait(() -> searchIndex.ensureExists());
        double indexed = loader.index(stack.searchHost(), "BENCH", OPEN_TICKETS, 5_000);
        System.out.printf("BENCH index: %,d tickets at %,.0f documents/s (_bulk, 5,000 a request)%n", OPEN_TICKETS, indexed);

        // A running service has compiled its hot paths long before 17:30: a first, smaller crossing warms it up.
        Crossing warmUp = cross(WARM_UP, false);
        System.out.printf("BENCH warm-up: %,d tickets crossing, all flagged %.2f s after the crossing%n", WARM_UP,
                warmUp.flaggedAfterSeconds());
        Crossing measured = cross(CROSSING, true);
        System.out.printf("BENCH scan: %,d tickets crossing at one moment among %,d open: all flagged %.2f s after the crossing"
                + " (target 5 s), %,.0f cards a second; all published on ticket-events %.2f s after it%n",
                CROSSING, OPEN_TICKETS, measured.flaggedAfterSeconds(), CROSSING / measured.flaggedAfterSeconds(),
                measured.publishedAfterSeconds());
        // CPU time rather than wall time tells what the cards cost when the machine is shared.
        System.out.printf("BENCH scan CPU: the service's JVM used %.1f CPU-seconds from the crossing to the last card, %.2f ms per card%n",
                measured.cpuSeconds(), measured.cpuSeconds() * 1000 / CROSSING);
    }

    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 3_000);

    private record Crossing(double flaggedAfterSeconds, double publishedAfterSeconds, double cpuSeconds) {
    }

    /**
     * Makes {@code count} tickets that have not crossed yet cross their yellow line at one moment a
     * few seconds ahead, and waits until every one of them carries its card and its event is published.
     */
    private Crossing cross(int count, boolean report) throws Exception {
        Instant moment;
        long outboxBefore;
        try (Connection connection = stack.database(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_crossing");
            // The crossing tickets: any whose state can take a card and whose clock runs, so they mix as the backlog does.
            try (PreparedStatement pick = connection.prepareStatement("""
                    CREATE TABLE bench_crossing AS SELECT id FROM ticket
                    WHERE ticket_number LIKE 'BENCH-%' AND card = 'NONE' AND paused_at IS NULL AND status = ANY(?)
                    ORDER BY ticket_number LIMIT ?""")) {
                pick.setArray(1, connection.createArrayOf("text", TicketQueries.cardStates().toArray()));
                pick.setInt(2, count);
                pick.execute();
            }
            statement.execute("ALTER TABLE bench_crossing ADD PRIMARY KEY (id)");
            if (report) {
                printMix(statement);
            }
            try (ResultSet max = statement.executeQuery("SELECT coalesce(max(position), 0) FROM outbox_event")) {
                max.next();
                outboxBefore = max.getLong(1);
            }
            // Moved close now that the load is done, so that the watch meets the crossing live.
            moment = Instant.now().plusSeconds(15);
            try (PreparedStatement move = connection.prepareStatement("UPDATE ticket SET yellow_at = ?, red_at = ?, deadline = ?"
                    + " WHERE id IN (SELECT id FROM bench_crossing)")) {
                move.setObject(1, java.sql.Timestamp.from(moment));
                move.setObject(2, java.sql.Timestamp.from(moment.plus(Duration.ofDays(1))));
                move.setObject(3, java.sql.Timestamp.from(moment.plus(Duration.ofDays(1))));
                assertEquals(count, move.executeUpdate());
            }
            statement.execute("ANALYZE ticket");
            if (report) {
                timeTheDueQuery(statement, moment.plusMillis(1));
            }
        }
        assertTrue(Instant.now().isBefore(moment), "the due query was timed after the crossing: use fewer tickets");

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuAtStart = os.getProcessCpuTime();
        long cpuAtFlagged = 0;
        Instant allFlagged = null;
        Instant allPublished = null;
        try (Connection connection = stack.database();
             PreparedStatement flagged = connection.prepareStatement(
                     "SELECT count(*) FROM bench_crossing c JOIN ticket t ON t.id = c.id WHERE t.card = 'YELLOW'");
             PreparedStatement published = connection.prepareStatement("SELECT count(*) FROM outbox_event"
                     + " WHERE position > ? AND event_type = 'YellowCardRaised' AND published_at IS NOT NULL"
                     + " AND record_key IN (SELECT id::text FROM bench_crossing)")) {
            published.setLong(1, outboxBefore);
            Instant deadline = moment.plusSeconds(120);
            while (Instant.now().isBefore(deadline) && allPublished == null) {
                if (allFlagged == null && count(flagged) == count) {
                    allFlagged = Instant.now();
                    cpuAtFlagged = os.getProcessCpuTime();
                }
                if (allFlagged != null && count(published) == count) {
                    allPublished = Instant.now();
                }
                Thread.sleep(100);
            }
        }
        assertTrue(allFlagged != null && allPublished != null, "not every crossing was flagged and published within 2 minutes");
        return new Crossing(Duration.between(moment, allFlagged).toMillis() / 1000.0,
                Duration.between(moment, allPublished).toMillis() / 1000.0, (cpuAtFlagged - cpuAtStart) / 1e9);
    }

    /** The states, channels and kinds the crossing tickets come in: the backlog's mix, not one kind of row. */
    private static void printMix(Statement statement) throws Exception {
        for (String column : List.of("status", "channel", "kind", "urgency")) {
            StringBuilder line = new StringBuilder("BENCH crossing by " + column + ":");
            try (ResultSet rows = statement.executeQuery("SELECT t." + column + ", count(*) FROM bench_crossing c"
                    + " JOIN ticket t ON t.id = c.id GROUP BY 1 ORDER BY 2 DESC")) {
                while (rows.next()) {
                    line.append(' ').append(rows.getString(1)).append(' ').append(rows.getLong(2));
                }
            }
            System.out.println(line);
        }
    }

    /**
     * The watch's own statement, with "now" just after the crossing: 20,000 rows due and none yet
     * flagged, as the first scan after the crossing meets it. Timed five times, plan printed once.
     */
    private static void timeTheDueQuery(Statement statement, Instant now) throws Exception {
        statement.execute("PREPARE watch_due AS " + TicketQueries.DUE_FOR_THE_WATCH);
        String execute = "EXECUTE watch_due(" + io.lastmile.sla.TimeLimitWatch.DUE_PER_KIND + ", '430922-ZHZX', 300, 1800, '{" + String.join(",", TicketQueries.cardStates())
                + "}', '{" + String.join(",", TicketQueries.escalationStates()) + "}', '" + now + "')";
        List<Double> millis = new ArrayList<>();
        int rows = 0;
        for (int run = 0; run < 5; run++) {
            long started = System.nanoTime();
            rows = 0;
            try (ResultSet due = statement.executeQuery(execute)) {
                while (due.next()) {
                    rows++;
                }
            }
            millis.add((System.nanoTime() - started) / 1e6);
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + execute)) {
            while (lines.next()) {
                plan.append("  ").append(lines.getString(1)).append('\n');
            }
        }
        statement.execute("DEALLOCATE watch_due");
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("BENCH due query before the flagging: %d rows, median %.2f ms, max %.2f ms (5 runs)%n",
                rows, sorted.get(2), sorted.get(4));
        System.out.print("BENCH due query plan:\n" + plan);
    }

    private static long count(PreparedStatement query) throws Exception {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
