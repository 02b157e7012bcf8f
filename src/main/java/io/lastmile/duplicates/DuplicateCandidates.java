package io.lastmile.duplicates;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.routing.Catalog;
import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.event.TicketSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** How many neighbours' compared forms are kept: a burst's open incidents, many times over. */
    private static final int COMPARED_KEPT = 20_000;

    private final Pool database;
    private final TicketQueries tickets;
    private final RoutingService routing;
    /**
     * A neighbour's matter and problem words, by the fields they are made of. Every new ticket of a
     * burst meets the same open callers again; classifying and splitting their texts each time was
     * the detector's largest cost in a profile of PipelineBenchmark. Made again when the catalog changes.
     */
    private final Map<NeighbourFields, Compared> compared = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NeighbourFields, Compared> eldest) {
            return size() > COMPARED_KEPT;
        }
    };
    private Catalog comparedWith;

    private record NeighbourFields(String catalogCode, String text, String address, String villageName, String townshipName) {
    }

    private record Compared(String matter, Set<String> problem) {
    }

    public DuplicateCandidates(Pool database, TicketQueries tickets, RoutingService routing) {
        this.database = database;
        this.tickets = tickets;
        this.routing = routing;
    }

    /** A ticket's matter for the comparison: its catalog code, or what the classifier is sure its words are about. */
    String matterOf(String catalogCode, String text, String address) {
        return catalogCode != null ? catalogCode : routing.snapshot().catalog().classify(text, address).code();
    }

    /** A received ticket as detection compares it. */
    Report report(TicketSnapshot t) {
        boolean positioned = t.location() != null && t.location().latitude() != null && t.location().longitude() != null;
        return new Report(t.ticketNumber(), matterOf(t.catalogItem() == null ? null : t.catalogItem().code(), t.text(), t.address()),
                positioned ? t.location().latitude() : null, positioned ? t.location().longitude() : null,
                positioned && t.location().precision() == LocationPrecision.EXACT, t.villageCode(),
                t.receivedAt().toInstant(), TextSimilarity.problem(t.text(), t.address(), t.village(), t.township()));
    }

    /**
     * The callers of the open incidents around a report in place and time (a box of the widest
     * distance when it has a position, and its village), each naming its incident.
     */
    Uni<List<Report>> around(Report report, DuplicatesConfig config) {
        TicketQueries.Box box = null;
        if (report.hasPosition()) {
            double dLat = config.widestDistanceMeters() / METERS_PER_DEGREE;
            double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(report.latitude())));
            box = new TicketQueries.Box(report.latitude() - dLat, report.latitude() + dLat,
                    report.longitude() - dLon, report.longitude() + dLon);
        }
        if (box == null && report.villageCode() == null) {
            return Uni.createFrom().item(List.of()); // nowhere: nothing can be said to be in the same place
        }
        Instant from = report.receivedAt().minus(config.longestWindow());
        return tickets.openIncidentCallers(new TicketQueries.Around(report.ticketNumber(), report.matter(), from,
                        report.receivedAt(), report.villageCode(), box, report.latitude(), report.longitude()))
                .map(nearby -> nearby.stream().map(n -> {
                    Compared c = compared(new NeighbourFields(n.catalogCode(), n.text(), n.address(), n.villageName(), n.townshipName()));
                    return new Report(n.ticketNumber(), c.matter(), n.latitude(), n.longitude(),
                            n.precision() == LocationPrecision.EXACT, n.villageCode(), n.receivedAt(), c.problem(), n.incident());
                }).toList());
    }

    private synchronized Compared compared(NeighbourFields fields) {
        Catalog catalog = routing.snapshot().catalog();
        if (catalog != comparedWith) {
            compared.clear();
            comparedWith = catalog;
        }
        return compared.computeIfAbsent(fields, f -> new Compared(matterOf(f.catalogCode(), f.text(), f.address()),
                Set.copyOf(TextSimilarity.problem(f.text(), f.address(), f.villageName(), f.townshipName()))));
    }

    /**
     * Records what was found for a new ticket: at most one row per ticket, against the incident's
     * primary. A ticket recorded before (a redelivered event) keeps what was decided then; answers
     * whether this call stored it.
     */
    Uni<Boolean> record(String ticketNumber, DuplicateRules.Match match) {
        return database.preparedQuery("""
                        INSERT INTO duplicate_candidate (ticket_number, candidate_number, score, text_similarity,
                            distance_meters, decision, found_at)
                        VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(ticketNumber, match.incident(), match.score(), match.textSimilarity(),
                        match.distanceMeters(), match.decision().name()))
                .map(result -> result.rowCount() == 1);
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
