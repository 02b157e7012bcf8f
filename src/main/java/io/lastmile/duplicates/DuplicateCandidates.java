package io.lastmile.duplicates;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The earlier open tickets a new one may duplicate, read from PostgreSQL (never from the search
 * index, which may lag the seconds that separate three callers), and the candidates found with what
 * was decided about them.
 */
@ApplicationScoped
public class DuplicateCandidates {

    private static final double METERS_PER_DEGREE = 111_195;

    /** A stored candidate pair: {@code ticketNumber} is the later ticket, {@code candidateNumber} the earlier. */
    public record Stored(String ticketNumber, String candidateNumber, double score, double textSimilarity,
            Double distanceMeters, String decision, String decidedBy, OffsetDateTime decidedAt, OffsetDateTime foundAt) {
    }

    private final Pool database;
    private final TicketQueries tickets;

    public DuplicateCandidates(Pool database, TicketQueries tickets) {
        this.database = database;
        this.tickets = tickets;
    }

    /** The open tickets of the report's category in its window and around it (a box; the rules measure exactly). */
    Uni<List<Report>> around(Report report, DuplicateRule rule) {
        Instant from = report.receivedAt().minus(rule.window());
        TicketQueries.Box box = null;
        if (report.hasPosition()) {
            double dLat = rule.distanceMeters() / METERS_PER_DEGREE;
            double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(report.latitude())));
            box = new TicketQueries.Box(report.latitude() - dLat, report.latitude() + dLat,
                    report.longitude() - dLon, report.longitude() + dLon);
        }
        return tickets.openOfCategory(report.category(), from, report.receivedAt(), report.ticketNumber(), box,
                        report.villageCode())
                .map(nearby -> nearby.stream().map(n -> new Report(n.ticketNumber(), report.category(), n.latitude(),
                        n.longitude(), n.precision() == LocationPrecision.EXACT, n.villageCode(), n.receivedAt(),
                        TextSimilarity.problem(n.text(), n.address(), n.villageName(), n.townshipName()))).toList());
    }

    /**
     * Records the matches of a new ticket; a pair recorded before (a redelivered event) keeps what
     * was decided then. Answers the pairs that are new.
     */
    Uni<List<String>> record(String ticketNumber, List<DuplicateRules.Match> matches) {
        if (matches.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> rows = matches.stream().map(m -> Tuple.of(ticketNumber, m.earlier().ticketNumber(), m.score(),
                m.textSimilarity(), m.distanceMeters(), m.decision().name())).toList();
        List<String> inserted = new ArrayList<>();
        return database.withTransaction(connection -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Tuple row : rows) {
                chain = chain.chain(() -> connection.preparedQuery("""
                                INSERT INTO duplicate_candidate (ticket_number, candidate_number, score, text_similarity,
                                    distance_meters, decision, found_at)
                                VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING RETURNING candidate_number""")
                        .execute(row)
                        .invoke(result -> result.forEach(r -> inserted.add(r.getString("candidate_number"))))
                        .replaceWithVoid());
            }
            return chain;
        }).replaceWith(inserted);
    }

    Uni<Void> decide(String ticketNumber, String candidateNumber, String decision, String actor) {
        return database.preparedQuery("""
                        UPDATE duplicate_candidate SET decision = $3, decided_by = $4, decided_at = now()
                        WHERE ticket_number = $1 AND candidate_number = $2""")
                .execute(Tuple.of(ticketNumber, candidateNumber, decision, actor)).replaceWithVoid();
    }

    /** The pair of two tickets, whichever of them is the later. */
    Uni<Optional<Stored>> pair(String one, String other) {
        return database.preparedQuery("SELECT * FROM duplicate_candidate WHERE (ticket_number = $1 AND candidate_number = $2)"
                        + " OR (ticket_number = $2 AND candidate_number = $1)")
                .execute(Tuple.of(one, other))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** Every pair a ticket is part of, as the later or the earlier one. */
    Uni<List<Stored>> of(String ticketNumber) {
        return database.preparedQuery("SELECT * FROM duplicate_candidate WHERE ticket_number = $1 OR candidate_number = $1"
                        + " ORDER BY score DESC, found_at")
                .execute(Tuple.of(ticketNumber)).map(DuplicateCandidates::all);
    }

    private static List<Stored> all(RowSet<Row> rows) {
        List<Stored> stored = new ArrayList<>();
        rows.forEach(r -> stored.add(stored(r)));
        return stored;
    }

    private static Stored stored(Row r) {
        return new Stored(r.getString("ticket_number"), r.getString("candidate_number"), r.getDouble("score"),
                r.getDouble("text_similarity"), r.getDouble("distance_meters"), r.getString("decision"),
                r.getString("decided_by"), r.getOffsetDateTime("decided_at"), r.getOffsetDateTime("found_at"));
    }
}
