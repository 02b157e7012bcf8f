package io.lastmile.bench;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebuilds the search index from a million tickets in PostgreSQL through the admin endpoint, as an
 * operator would, and prints the progress and the rate (target: 1 M in under 5 minutes). Run with
 * {@code ./mvnw verify -Pbench -Dtest=SearchReindexBenchmark}; {@code -Dbench.reindex-tickets=N}
 * changes the size.
 */
@QuarkusTest
class SearchReindexBenchmark {

    @jakarta.inject.Inject
    TestStack stack;

    private static final long TICKETS = Long.getLong("bench.reindex-tickets", 1_000_000L);

    @Test
    void aMillionTicketsAreReindexedInUnderFiveMinutes() throws Exception {
        long existing = ticketsInDatabase();
        if (existing < TICKETS) {
            double rate = stack.bulkLoader().load("REIDX", TICKETS - existing,
                    i -> new SyntheticTickets.Due(Instant.now().plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(31))));
            System.out.printf("BENCH load: %,d tickets at %,.0f rows/s (COPY)%n", TICKETS - existing, rate);
        }
        long total = ticketsInDatabase();

        long started = System.nanoTime();
        String location = Api.as("admin").when().post("/api/v1/admin/search/reindex")
                .then().statusCode(202).extract().header("Location");
        JsonPath job;
        while (true) {
            job = Api.as("admin").when().get(location).then().statusCode(200).extract().jsonPath();
            System.out.printf("BENCH reindex: %-11s %,9d / %,d  %,8.0f tickets/s%n", job.getString("phase"),
                    job.getLong("done"), job.getLong("total"), job.getDouble("ratePerSecond"));
            if (job.getString("finishedAt") != null) {
                break;
            }
            Thread.sleep(10_000);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals("DONE", job.getString("phase"), job.prettify());
        assertEquals(total, job.getLong("done"));
        System.out.printf("BENCH reindex: %,d tickets from PostgreSQL into %s in %.1f s, %,.0f tickets/s (page %s, %s bulk requests in flight)%n",
                total, job.getString("targetIndex"), seconds, total / seconds,
                System.getProperty("lastmile.search.reindex.page-size", "5000"),
                System.getProperty("lastmile.search.reindex.parallel-requests", "3"));
        assertTrue(seconds < 300 || total > 1_000_000, "1 M tickets must take under 5 minutes: " + seconds + " s");
    }

    private long ticketsInDatabase() throws Exception {
        try (Connection c = stack.database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM ticket")) {
            r.next();
            return r.getLong(1);
        }
    }
}
