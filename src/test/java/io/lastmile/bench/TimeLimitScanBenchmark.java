package io.lastmile.bench;

import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time-limit watch with a million open tickets: how long after the moment a batch of tickets
 * crosses its yellow line until every one of them carries its card (target: within 5 s).
 * Run with {@code ./mvnw verify -Pbench}; it prints its figures and is never part of the normal tests.
 */
@QuarkusTest
class TimeLimitScanBenchmark {

    @jakarta.inject.Inject
    TestStack stack;

    private static final long OPEN_TICKETS = Long.getLong("bench.open-tickets", 1_000_000L);
    private static final int CROSSING = Integer.getInteger("bench.crossing", 200);

    @jakarta.inject.Inject
    io.lastmile.search.TicketSearchIndex searchIndex;

    @Test
    void everyCrossingOfAMillionOpenTicketsIsFlaggedWithinSeconds() throws Throwable {
        Instant crossing = Instant.now().plus(Duration.ofMinutes(10));
        Instant farAway = Instant.now().plus(Duration.ofDays(30));
        SyntheticTickets loader = stack.bulkLoader();
        // The first CROSSING tickets cross their yellow line at one moment; the rest are far from theirs.
        double rate = loader.load("BENCH", OPEN_TICKETS, i -> i <= CROSSING
                ? new SyntheticTickets.Due(crossing, crossing.plus(Duration.ofDays(1)))
                : new SyntheticTickets.Due(farAway, farAway.plus(Duration.ofDays(1))));
        System.out.printf("BENCH load: %,d open tickets at %,.0f rows/s (COPY)%n", OPEN_TICKETS, rate);
        // The index exists once the first event is indexed; a fresh run has had none yet.
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> searchIndex.ensureExists());
        double indexed = loader.index(stack.searchHost(), "BENCH", OPEN_TICKETS, 5_000);
        System.out.printf("BENCH index: %,d tickets at %,.0f documents/s (_bulk, 5,000 a request)%n", OPEN_TICKETS, indexed);

        // Move the crossing close, now that the load is done, so that the scan meets it live.
        Instant moment = Instant.now().plusSeconds(5);
        try (Connection connection = stack.database();
             PreparedStatement move = connection.prepareStatement(
                     "UPDATE ticket SET yellow_at = ? WHERE ticket_number <= ? AND ticket_number LIKE 'BENCH-%'")) {
            move.setObject(1, java.sql.Timestamp.from(moment));
            move.setString(2, "BENCH-%07d".formatted(CROSSING));
            move.executeUpdate();
        }
        Instant allFlagged = null;
        try (Connection connection = stack.database();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM ticket WHERE ticket_number <= ? AND ticket_number LIKE 'BENCH-%' AND card = 'YELLOW'")) {
            count.setString(1, "BENCH-%07d".formatted(CROSSING));
            Instant deadline = moment.plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == CROSSING) {
                        allFlagged = Instant.now();
                        break;
                    }
                }
                Thread.sleep(50);
            }
        }
        assertTrue(allFlagged != null, "not every crossing was flagged within 2 minutes");
        double seconds = Duration.between(moment, allFlagged).toMillis() / 1000.0;
        System.out.printf("BENCH scan: %,d tickets crossing at one moment among %,d open: all flagged %.2f s after the crossing (target 5 s)%n",
                CROSSING, OPEN_TICKETS, seconds);
        try (Connection connection = stack.database();
             var statement = connection.createStatement();
             ResultSet plan = statement.executeQuery("EXPLAIN ANALYZE SELECT ticket_number FROM ticket WHERE card = 'NONE'"
                     + " AND paused_at IS NULL AND yellow_at <= now() AND red_at > now() ORDER BY yellow_at LIMIT 500")) {
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append("  ").append(plan.getString(1)).append('\n');
            }
            System.out.print("BENCH due-yellow query plan:\n" + text);
        }
    }
}
