package io.lastmile.ticket;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The counts the assessment KPIs are made of (docs/kpis.md), for one period, grouped by one
 * dimension, read from the tickets and their timeline. Read only. Each count names what it counts;
 * the rates are the caller's division, so that a test can check every numerator and denominator.
 */
@ApplicationScoped
public class KpiQueries {

    /** What the figures are grouped by: each names the column of the ticket, and of the step where a step's own unit counts. */
    public enum Dimension {
        /** The whole county in one row. */
        COUNTY("'430922'", "'430922'"),
        /** The unit: the one that handles the ticket now, or for a step the unit it concerned. */
        UNIT("t.unit_code", "e.unit_code"),
        CHANNEL("t.channel", "t.channel"),
        MATTER("coalesce(t.catalog_code, '-')", "coalesce(t.catalog_code, '-')"),
        TOWNSHIP("coalesce(t.township_code, '-')", "coalesce(t.township_code, '-')");

        private final String ofTicket;
        private final String ofStep;

        Dimension(String ofTicket, String ofStep) {
            this.ofTicket = ofTicket;
            this.ofStep = ofStep;
        }
    }

    /** The steps that hand a ticket to a unit: each waits for that unit's sign-for. */
    public static final List<String> HAND_OVERS = List.of("TicketDispatched", "TicketReturnAccepted", "TicketReturnRejected",
            "TicketReassigned", "TicketEscalated", "TicketRedone");
    /** The answers a successful revisit (回访) counts as satisfied. */
    public static final List<String> SATISFIED = List.of("非常满意", "满意", "基本满意");

    /**
     * One group's counts.
     *
     * @param received         tickets received in the period, every caller counted (受理量)
     * @param immediate        of them, answered and closed at intake (即办)
     * @param handled          of them, not merged into another ticket: an incident counts once
     * @param resolved         of the handled, resolved (办结, or 即办) by now
     * @param resolveSeconds   their summed time from receipt to resolution
     * @param urbanDispatched  handled urban cases received in the period that were handed to a unit
     * @param urbanDisposed    of them, resolved by now (处置)
     * @param handOvers        hand-overs to a unit in the period
     * @param signedFor        of them, signed for by that unit before any other hand-over or return
     * @param signedOnTime     of those, within the sign-for limit the hand-over set
     * @param signSeconds      their summed time from hand-over to sign-for
     * @param returned         hand-overs in the period that the unit returned (退回)
     * @param closed           tickets closed (结案) in the period
     * @param redone           tickets redone (重办) in the period
     * @param completionDue    handled tickets whose completion deadline fell in the period
     * @param resolvedOnTime   of them, resolved by their deadline
     * @param revisits         revisits (回访) in the period with an answer
     * @param satisfied        of them, 非常满意, 满意 or 基本满意
     */
    public record Counts(String key, long received, long immediate, long handled, long resolved, double resolveSeconds,
            long urbanDispatched, long urbanDisposed, long handOvers, long signedFor, long signedOnTime, double signSeconds,
            long returned, long closed, long redone, long completionDue, long resolvedOnTime, long revisits, long satisfied) {
    }

    /** One group's counts as the queries fill them in, each query its own columns. */
    private static final class Tally {
        final String key;
        long received, immediate, handled, resolved, urbanDispatched, urbanDisposed, handOvers, signedFor, signedOnTime,
                returned, closed, redone, completionDue, resolvedOnTime, revisits, satisfied;
        double resolveSeconds, signSeconds;

        Tally(String key) {
            this.key = key;
        }

        Counts counts() {
            return new Counts(key, received, immediate, handled, resolved, resolveSeconds, urbanDispatched, urbanDisposed,
                    handOvers, signedFor, signedOnTime, signSeconds, returned, closed, redone, completionDue, resolvedOnTime,
                    revisits, satisfied);
        }
    }

    private final Pool database;

    public KpiQueries(Pool database) {
        this.database = database;
    }

    /**
     * The counts of {@code [from, to)} by {@code dimension}; with {@code units}, only what those
     * units handle (for a step: the unit it concerned). Groups come back in key order.
     */
    public Uni<List<Counts>> counts(Instant from, Instant to, Dimension dimension, Collection<String> units) {
        String[] unitFilter = units == null ? null : units.toArray(String[]::new);
        Tuple period = Tuple.tuple().addOffsetDateTime(from.atOffset(ZoneOffset.UTC)).addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
                .addArrayOfString(unitFilter);
        Map<String, Tally> byKey = new TreeMap<>();
        return cohort(dimension, period, byKey)
                .chain(() -> handOvers(dimension, period, byKey))
                .chain(() -> closings(dimension, period, byKey))
                .chain(() -> completions(dimension, period, byKey))
                .map(ignored -> byKey.values().stream().map(Tally::counts).toList());
    }

    /** Tickets received in the period: volumes, 即办, 办结 and 处置 by now, time to resolve. */
    private Uni<Void> cohort(Dimension d, Tuple period, Map<String, Tally> byKey) {
        return tallied(byKey, """
                        SELECT %s AS key, count(*) AS received, count(*) FILTER (WHERE t.immediate) AS immediate,
                               count(*) FILTER (WHERE t.status <> 'MERGED') AS handled,
                               count(*) FILTER (WHERE t.status <> 'MERGED' AND r.at IS NOT NULL) AS resolved,
                               coalesce(sum(extract(epoch FROM r.at - t.received_at)) FILTER (WHERE t.status <> 'MERGED'), 0) AS resolve_seconds,
                               count(*) FILTER (WHERE t.channel = 'urban' AND t.status <> 'MERGED' AND h.at IS NOT NULL) AS urban_dispatched,
                               count(*) FILTER (WHERE t.channel = 'urban' AND t.status <> 'MERGED' AND h.at IS NOT NULL
                                                  AND r.at IS NOT NULL) AS urban_disposed
                        FROM ticket t
                        LEFT JOIN LATERAL (SELECT min(e.occurred_at) AS at FROM ticket_event e WHERE e.ticket_id = t.id
                                           AND e.type IN ('TicketResolved', 'TicketAnsweredAtIntake')) r ON true
                        LEFT JOIN LATERAL (SELECT min(e.occurred_at) AS at FROM ticket_event e WHERE e.ticket_id = t.id
                                           AND e.type = ANY($4)) h ON true
                        WHERE t.received_at >= $1 AND t.received_at < $2 AND ($3::text[] IS NULL OR t.unit_code = ANY($3))
                        GROUP BY 1""".formatted(d.ofTicket), with(period, HAND_OVERS), (t, r) -> {
                    t.received = r.getLong("received");
                    t.immediate = r.getLong("immediate");
                    t.handled = r.getLong("handled");
                    t.resolved = r.getLong("resolved");
                    t.resolveSeconds = number(r, "resolve_seconds");
                    t.urbanDispatched = r.getLong("urban_dispatched");
                    t.urbanDisposed = r.getLong("urban_disposed");
                });
    }

    /** Hand-overs in the period and what their unit did next: signed for (on time) or returned. */
    private Uni<Void> handOvers(Dimension d, Tuple period, Map<String, Tally> byKey) {
        return tallied(byKey, """
                        WITH concerned AS (
                            SELECT DISTINCT ticket_id FROM ticket_event
                            WHERE type = ANY($4) AND occurred_at >= $1 AND occurred_at < $2
                        ), steps AS (
                            SELECT e.ticket_id, e.type, e.unit_code, e.occurred_at, e.stage_deadline,
                                   lead(e.type) OVER w AS next_type, lead(e.occurred_at) OVER w AS next_at
                            FROM ticket_event e JOIN concerned c ON c.ticket_id = e.ticket_id
                            WHERE e.type = ANY($4) OR e.type IN ('TicketSignedFor', 'TicketReturned')
                            WINDOW w AS (PARTITION BY e.ticket_id ORDER BY e.version)
                        )
                        SELECT %s AS key, count(*) AS hand_overs,
                               count(*) FILTER (WHERE e.next_type = 'TicketSignedFor') AS signed_for,
                               count(*) FILTER (WHERE e.next_type = 'TicketSignedFor' AND e.next_at <= e.stage_deadline) AS signed_on_time,
                               coalesce(sum(extract(epoch FROM e.next_at - e.occurred_at))
                                        FILTER (WHERE e.next_type = 'TicketSignedFor'), 0) AS sign_seconds,
                               count(*) FILTER (WHERE e.next_type = 'TicketReturned') AS returned
                        FROM steps e JOIN ticket t ON t.id = e.ticket_id
                        WHERE e.type = ANY($4) AND e.occurred_at >= $1 AND e.occurred_at < $2
                          AND ($3::text[] IS NULL OR e.unit_code = ANY($3))
                        GROUP BY 1""".formatted(d.ofStep), with(period, HAND_OVERS), (t, r) -> {
                    t.handOvers = r.getLong("hand_overs");
                    t.signedFor = r.getLong("signed_for");
                    t.signedOnTime = r.getLong("signed_on_time");
                    t.signSeconds = number(r, "sign_seconds");
                    t.returned = r.getLong("returned");
                });
    }

    /** Closings, redos and revisits in the period, each for the unit that handled the ticket at that step. */
    private Uni<Void> closings(Dimension d, Tuple period, Map<String, Tally> byKey) {
        return tallied(byKey, """
                        SELECT %s AS key, count(*) FILTER (WHERE e.type = 'TicketClosed') AS closed,
                               count(*) FILTER (WHERE e.type = 'TicketRedone') AS redone,
                               count(*) FILTER (WHERE e.type = 'TicketRevisited' AND e.data::jsonb ->> 'satisfaction' IS NOT NULL) AS revisits,
                               count(*) FILTER (WHERE e.type = 'TicketRevisited' AND e.data::jsonb ->> 'satisfaction' = ANY($4)) AS satisfied
                        FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                        WHERE e.type IN ('TicketClosed', 'TicketRedone', 'TicketRevisited')
                          AND e.occurred_at >= $1 AND e.occurred_at < $2 AND ($3::text[] IS NULL OR e.unit_code = ANY($3))
                        GROUP BY 1""".formatted(d.ofStep), with(period, SATISFIED), (t, r) -> {
                    t.closed = r.getLong("closed");
                    t.redone = r.getLong("redone");
                    t.revisits = r.getLong("revisits");
                    t.satisfied = r.getLong("satisfied");
                });
    }

    /** Handled tickets whose completion deadline fell in the period, and whether they were resolved by it. */
    private Uni<Void> completions(Dimension d, Tuple period, Map<String, Tally> byKey) {
        return tallied(byKey, """
                        SELECT %s AS key, count(*) AS due, count(*) FILTER (WHERE r.at <= t.completion_deadline) AS on_time
                        FROM ticket t
                        LEFT JOIN LATERAL (SELECT min(e.occurred_at) AS at FROM ticket_event e WHERE e.ticket_id = t.id
                                           AND e.type = 'TicketResolved') r ON true
                        WHERE t.completion_deadline >= $1 AND t.completion_deadline < $2 AND t.status <> 'MERGED'
                          AND ($3::text[] IS NULL OR t.unit_code = ANY($3))
                        GROUP BY 1""".formatted(d.ofTicket), period, (t, r) -> {
                    t.completionDue = r.getLong("due");
                    t.resolvedOnTime = r.getLong("on_time");
                });
    }

    /** A ticket that went overdue: a red card raised in the period. */
    public record Overdue(String ticketNumber, String unitCode, TicketStatus status, Instant overdueAt) {
    }

    /** The tickets whose red card was raised in {@code [from, to)}, the earliest first; with {@code units}, only theirs. */
    public Uni<List<Overdue>> overdue(Instant from, Instant to, Collection<String> units) {
        return database.preparedQuery("""
                        SELECT t.ticket_number, e.unit_code, t.status, min(e.occurred_at) AS at
                        FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                        WHERE e.type = 'RedCardRaised' AND e.occurred_at >= $1 AND e.occurred_at < $2
                          AND ($3::text[] IS NULL OR e.unit_code = ANY($3))
                        GROUP BY t.ticket_number, e.unit_code, t.status ORDER BY at, t.ticket_number""")
                .execute(Tuple.tuple().addOffsetDateTime(from.atOffset(ZoneOffset.UTC)).addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
                        .addArrayOfString(units == null ? null : units.toArray(String[]::new)))
                .map(rows -> {
                    List<Overdue> overdue = new java.util.ArrayList<>();
                    rows.forEach(r -> overdue.add(new Overdue(r.getString("ticket_number"), r.getString("unit_code"),
                            TicketStatus.valueOf(r.getString("status")),
                            r.getOffsetDateTime("at").toInstant())));
                    return overdue;
                });
    }

    /** The steps the KPIs count, and the ones that end a hand-over (a sign-for, a return). */
    public static final List<String> COUNTED_STEPS = java.util.stream.Stream.concat(HAND_OVERS.stream(),
            java.util.stream.Stream.of("TicketSignedFor", "TicketReturned", "TicketClosed", "TicketRevisited"))
            .distinct().toList();

    /** One counted step of a ticket's timeline, for the live KPIs: the unit it concerned, the deadline of the stage it began. */
    public record CountedStep(int version, String type, String unitCode, Instant at, Instant stageDeadline, String satisfaction) {
    }

    /**
     * What the KPIs need of one ticket: its state now, when it was first resolved (办结, or also 即办)
     * and first handed to a unit, and its counted steps since the live KPIs' start.
     */
    public record Tracked(UUID id, int version, String channel, String unitCode, String townshipCode, String catalogCode,
            TicketStatus status, boolean immediate, Instant receivedAt, Instant completionDeadline, Card card,
            Instant firstDone, Instant firstResolved, Instant firstHandOver, List<CountedStep> steps) {
    }

    /**
     * Every ticket a period from {@code since} on can count (received, due, or with a counted step since
     * then, or open), with its counted steps since then: what the live KPIs are rebuilt from.
     */
    public Uni<List<Tracked>> trackedSince(Instant since) {
        Tuple parameters = Tuple.tuple().addOffsetDateTime(since.atOffset(ZoneOffset.UTC))
                .addArrayOfString(COUNTED_STEPS.toArray(String[]::new))
                .addArrayOfString(TicketQueries.OPEN.stream().map(Enum::name).toArray(String[]::new))
                .addArrayOfString(HAND_OVERS.toArray(String[]::new));
        Map<UUID, List<CountedStep>> steps = new java.util.HashMap<>();
        return database.preparedQuery("""
                        SELECT e.ticket_id, e.version, e.type, e.unit_code, e.occurred_at, e.stage_deadline,
                               e.data::jsonb ->> 'satisfaction' AS satisfaction
                        FROM ticket_event e WHERE e.occurred_at >= $1 AND e.type = ANY($2) ORDER BY e.ticket_id, e.version""")
                .execute(Tuple.of(parameters.getValue(0), parameters.getValue(1)))
                .invoke(rows -> rows.forEach(r -> steps.computeIfAbsent(r.getUUID("ticket_id"), id -> new java.util.ArrayList<>())
                        .add(new CountedStep(r.getInteger("version"), r.getString("type"), r.getString("unit_code"),
                                instant(r, "occurred_at"), instant(r, "stage_deadline"), r.getString("satisfaction")))))
                .chain(() -> database.preparedQuery("""
                                SELECT t.id, t.version, t.channel, t.unit_code, t.township_code, t.catalog_code, t.status,
                                       t.immediate, t.received_at, t.completion_deadline, t.card,
                                       (SELECT min(e.occurred_at) FROM ticket_event e WHERE e.ticket_id = t.id
                                        AND e.type IN ('TicketResolved', 'TicketAnsweredAtIntake')) AS first_done,
                                       (SELECT min(e.occurred_at) FROM ticket_event e WHERE e.ticket_id = t.id
                                        AND e.type = 'TicketResolved') AS first_resolved,
                                       (SELECT min(e.occurred_at) FROM ticket_event e WHERE e.ticket_id = t.id
                                        AND e.type = ANY($4)) AS first_hand_over
                                FROM ticket t
                                WHERE t.received_at >= $1 OR t.completion_deadline >= $1 OR t.status = ANY($3)
                                   OR EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.occurred_at >= $1
                                              AND e.type = ANY($2))""").execute(parameters))
                .map(rows -> {
                    List<Tracked> tracked = new java.util.ArrayList<>();
                    rows.forEach(r -> tracked.add(new Tracked(r.getUUID("id"), r.getInteger("version"), r.getString("channel"),
                            r.getString("unit_code"), r.getString("township_code"), r.getString("catalog_code"),
                            TicketStatus.valueOf(r.getString("status")), Boolean.TRUE.equals(r.getBoolean("immediate")),
                            instant(r, "received_at"), instant(r, "completion_deadline"),
                            r.getString("card") == null ? Card.NONE : Card.valueOf(r.getString("card")),
                            instant(r, "first_done"), instant(r, "first_resolved"), instant(r, "first_hand_over"),
                            steps.getOrDefault(r.getUUID("id"), List.of()))));
                    return tracked;
                });
    }

    private static Instant instant(Row row, String column) {
        java.time.OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    /** The period's three parameters and a list of names as the fourth. */
    private static Tuple with(Tuple period, List<String> names) {
        return Tuple.tuple().addValue(period.getValue(0)).addValue(period.getValue(1)).addValue(period.getValue(2))
                .addArrayOfString(names.toArray(String[]::new));
    }

    /** Runs one of the queries and lets {@code fill} put its columns into each group's tally. */
    private Uni<Void> tallied(Map<String, Tally> byKey, String sql, Tuple parameters, BiConsumer<Tally, Row> fill) {
        return database.preparedQuery(sql).execute(parameters)
                .invoke(rows -> rows.forEach(r -> fill.accept(byKey.computeIfAbsent(r.getString("key"), Tally::new), r)))
                .replaceWithVoid();
    }

    private static double number(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
