package io.lastmile.duplicates;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
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

    /** States in which a ticket is still being handled: a new caller joins it. */
    static final List<String> OPEN = List.of("RECEIVED", "REGISTERED", "DISPATCHED", "SIGNED_FOR", "IN_PROGRESS",
            "EXTENSION_REQUESTED", "WAITING_FOR_DOCUMENTS", "RETURNED");
    private static final double METERS_PER_DEGREE = 111_195;
    private static final String COLUMNS = """
            SELECT ticket_number, text, address, village_name, township_name, village_code, latitude, longitude,
                   location_precision, received_at FROM ticket
            WHERE catalog_code = $1 AND status = ANY($2) AND received_at >= $3 AND received_at <= $4 AND ticket_number <> $5
            """;

    /** A stored candidate pair: {@code ticketNumber} is the later ticket, {@code candidateNumber} the earlier. */
    public record Stored(String ticketNumber, String candidateNumber, double score, double textSimilarity,
            Double distanceMeters, String decision, String decidedBy, OffsetDateTime decidedAt, OffsetDateTime foundAt) {
    }

    private final Pool database;

    public DuplicateCandidates(Pool database) {
        this.database = database;
    }

    /** The open tickets of the report's category in its window and around it (a box; the rules measure exactly). */
    Uni<List<Report>> around(Report report, DuplicateRule rule) {
        Instant from = report.receivedAt().minus(rule.window());
        Tuple parameters = Tuple.of(report.category(), OPEN.toArray(String[]::new), from.atOffset(ZoneOffset.UTC),
                report.receivedAt().atOffset(ZoneOffset.UTC), report.ticketNumber());
        String where;
        if (report.hasPosition()) {
            double dLat = rule.distanceMeters() / METERS_PER_DEGREE;
            double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(report.latitude())));
            parameters.addDouble(report.latitude() - dLat).addDouble(report.latitude() + dLat)
                    .addDouble(report.longitude() - dLon).addDouble(report.longitude() + dLon)
                    .addString(report.villageCode());
            // A candidate without a position can still share the village.
            where = " AND ((latitude BETWEEN $6 AND $7 AND longitude BETWEEN $8 AND $9) OR (latitude IS NULL AND village_code = $10))";
        } else {
            parameters.addString(report.villageCode());
            where = " AND village_code = $6";
        }
        return database.preparedQuery(COLUMNS + where + " ORDER BY received_at LIMIT 500").execute(parameters)
                .map(rows -> {
                    List<Report> reports = new ArrayList<>();
                    for (Row r : rows) {
                        reports.add(new Report(r.getString("ticket_number"), report.category(), r.getDouble("latitude"),
                                r.getDouble("longitude"), "EXACT".equals(r.getString("location_precision")),
                                r.getString("village_code"), r.getOffsetDateTime("received_at").toInstant(),
                                TextSimilarity.problem(r.getString("text"), r.getString("address"),
                                        r.getString("village_name"), r.getString("township_name"))));
                    }
                    return reports;
                });
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

    /** What the similar list shows of the tickets involved: status, text, receipt and the primary it is merged into. */
    record Brief(String ticketNumber, String status, String text, OffsetDateTime receivedAt, String mergedInto,
            String unitCode, String townshipCode, String villageCode) {

        /** Whether this scope reaches the ticket by owner or place (the list shows no assistants). */
        boolean within(io.lastmile.ticket.TicketScope scope) {
            return scope.covers(new io.lastmile.ticket.TicketScope.Reach(unitCode, townshipCode, villageCode, List.of()));
        }
    }

    /** The tickets merged into this one (by detection or by a dispatcher), and the briefs of the given numbers. */
    Uni<List<Brief>> briefs(String ticketNumber, List<String> numbers) {
        return database.preparedQuery("""
                        SELECT ticket_number, status, text, received_at, merged_into, unit_code, township_code, village_code
                        FROM ticket
                        WHERE ticket_number = ANY($1) OR merged_into = $2""")
                .execute(Tuple.of(numbers.toArray(String[]::new), ticketNumber))
                .map(rows -> {
                    List<Brief> briefs = new ArrayList<>();
                    rows.forEach(r -> briefs.add(new Brief(r.getString("ticket_number"), r.getString("status"),
                            r.getString("text"), r.getOffsetDateTime("received_at"), r.getString("merged_into"),
                            r.getString("unit_code"), r.getString("township_code"), r.getString("village_code"))));
                    return briefs;
                });
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
