package io.lastmile.ticket;

import io.lastmile.platform.ColumnCipher;
import io.lastmile.ticket.event.TicketSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The named read queries other capabilities may use, in one place: only {@code ticket/} writes SQL
 * that names the {@code ticket} table. Each answers plain records, never the aggregate, and none
 * writes. Plain SQL on purpose: a rebuild reads a million rows, the time-limit watch scans every
 * second through partial indexes.
 */
@ApplicationScoped
public class TicketQueries {

    /** Keyset paging by id starts here: PostgreSQL orders uuids by their bytes, unsigned, so all zeros comes first. */
    public static final UUID FIRST_ID = new UUID(0, 0);

    private final Pool database;
    private final ColumnCipher cipher;

    public TicketQueries(Pool database, ColumnCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    // ---- the time-limit watch

    /** What falls due for the time-limit watch. */
    public enum DueStep { RED_CARD, YELLOW_CARD, KIOSK_UNANSWERED, ESCALATION }

    /** Only where the ticket can take a card: a stale deadline in another state is never met again and again. */
    static final String[] CARD_STATES = java.util.Arrays.stream(TicketStatus.values())
            .filter(Step.RAISE_RED_CARD::allowedFrom).map(Enum::name).toArray(String[]::new);
    private static final String[] ESCALATION_STATES = java.util.Arrays.stream(TicketStatus.values())
            .filter(Step.ESCALATE::allowedFrom).filter(s -> s != TicketStatus.RETURNED).map(Enum::name).toArray(String[]::new);

    public record Due(String ticketNumber, DueStep step) {
    }

    /**
     * What the time-limit watch asks each second: due cards, kiosk presses nobody picked up in
     * time, and red cards left unresolved long enough to escalate; at most {@code $1} of each,
     * oldest first. Parameters: limit, the county center's code, the red and green kiosk pick-up
     * limits in seconds, the card states, the escalation states, and now. Public so that the
     * benchmark times exactly this statement.
     */
    public static final String DUE_FOR_THE_WATCH = """
            (SELECT ticket_number, 'RED_CARD' AS what FROM ticket
              WHERE card <> 'RED' AND paused_at IS NULL AND red_at <= $7 AND status = ANY($5)
              ORDER BY red_at LIMIT $1)
            UNION ALL
            (SELECT ticket_number, 'YELLOW_CARD' FROM ticket
              WHERE card = 'NONE' AND paused_at IS NULL AND yellow_at <= $7 AND red_at > $7 AND status = ANY($5)
              ORDER BY yellow_at LIMIT $1)
            UNION ALL
            (SELECT ticket_number, 'KIOSK_UNANSWERED' FROM ticket
              WHERE kind IN ('KIOSK_RED', 'KIOSK_GREEN') AND picked_up_at IS NULL
                AND status IN ('RECEIVED', 'REGISTERED', 'DISPATCHED') AND unit_code <> $2
                AND received_at <= $7 - (CASE kind WHEN 'KIOSK_RED' THEN $3::bigint ELSE $4::bigint END) * interval '1 second'
              ORDER BY received_at LIMIT $1)
            UNION ALL
            (SELECT ticket_number, 'ESCALATION' FROM ticket
              WHERE escalate_at <= $7 AND card = 'RED' AND unit_code <> $2 AND status = ANY($6)
              ORDER BY escalate_at LIMIT $1)""";

    /** The states in which a ticket can take a card, as {@link #DUE_FOR_THE_WATCH} names them. */
    public static List<String> cardStates() {
        return List.of(CARD_STATES);
    }

    /** The states from which a red card may move a ticket one level up, as {@link #DUE_FOR_THE_WATCH} names them. */
    public static List<String> escalationStates() {
        return List.of(ESCALATION_STATES);
    }

    /** See {@link #DUE_FOR_THE_WATCH}. */
    public Uni<List<Due>> dueForTheWatch(int limit, String centerCode, Duration kioskRedPickup, Duration kioskGreenPickup,
            Instant now) {
        return database.preparedQuery(DUE_FOR_THE_WATCH)
                .execute(Tuple.of(limit, centerCode, kioskRedPickup.toSeconds(), kioskGreenPickup.toSeconds())
                        .addArrayOfString(CARD_STATES).addArrayOfString(ESCALATION_STATES)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getString("ticket_number"), DueStep.valueOf(row.getString("what")))));
                    return due;
                });
    }

    // ---- incident detection (one problem, many callers)

    /**
     * A caller of an open incident near a new ticket, with what the comparison needs.
     *
     * @param catalogCode its matter, or null while unclassified
     * @param incident    the incident's primary: the ticket it is merged into, or itself
     */
    public record Nearby(String ticketNumber, String text, String address, String villageName, String townshipName,
            String villageCode, Double latitude, Double longitude, LocationPrecision precision, Instant receivedAt,
            String catalogCode, String incident) {
    }

    /** A box around a point, in degrees. */
    public record Box(double minLatitude, double maxLatitude, double minLongitude, double maxLongitude) {
    }

    /** Where and when a new ticket's incidents are looked for. */
    public record Around(String excluding, String catalogCode, Instant from, Instant to, String villageCode, Box box,
            Double latitude, Double longitude) {
    }

    /** States in which a ticket is still being handled: a new caller joins it. */
    public static final List<TicketStatus> OPEN = List.of(TicketStatus.RECEIVED, TicketStatus.REGISTERED,
            TicketStatus.DISPATCHED, TicketStatus.SIGNED_FOR, TicketStatus.IN_PROGRESS, TicketStatus.EXTENSION_REQUESTED,
            TicketStatus.WAITING_FOR_DOCUMENTS, TicketStatus.RETURNED);

    /** Callers compared per incident: its primary and its latest callers (a burst may bring hundreds). */
    static final int CALLERS_PER_INCIDENT = 8;
    static final int MOST_CALLERS = 400;

    /**
     * The callers of open incidents received in the window, in the village or inside the box, of
     * the matter or unclassified (either side): the tickets merged into an open primary, and those
     * waiting on a dispatcher's answer to a suggestion, count as its callers; any other open ticket
     * is an incident of one. Nearest first, then the latest; at most {@value #CALLERS_PER_INCIDENT}
     * per incident.
     */
    public Uni<List<Nearby>> openIncidentCallers(Around around) {
        Box box = around.box();
        Tuple parameters = Tuple.tuple()
                .addString(around.catalogCode())
                .addArrayOfString(OPEN.stream().map(Enum::name).toArray(String[]::new))
                .addOffsetDateTime(around.from().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(around.to().atOffset(ZoneOffset.UTC))
                .addString(around.excluding())
                .addString(around.villageCode())
                .addDouble(box == null ? null : box.minLatitude()).addDouble(box == null ? null : box.maxLatitude())
                .addDouble(box == null ? null : box.minLongitude()).addDouble(box == null ? null : box.maxLongitude())
                .addDouble(around.latitude()).addDouble(around.longitude())
                .addInteger(CALLERS_PER_INCIDENT).addInteger(MOST_CALLERS);
        return database.preparedQuery("""
                        WITH around AS (
                            SELECT m.ticket_number, m.text, m.address, m.village_name, m.township_name, m.village_code,
                                   m.latitude, m.longitude, m.location_precision, m.received_at, m.catalog_code,
                                   CASE WHEN m.merged_into IS NOT NULL THEN m.merged_into
                                        WHEN p.merged_into IS NULL AND p.status = ANY($2) THEN p.ticket_number
                                        ELSE m.ticket_number END AS incident
                            FROM ticket m
                            LEFT JOIN duplicate_candidate s ON s.ticket_number = m.ticket_number AND s.decision = 'SUGGESTED'
                                                           AND m.merged_into IS NULL
                            LEFT JOIN ticket p ON p.ticket_number = coalesce(m.merged_into, s.candidate_number)
                            WHERE m.received_at >= $3 AND m.received_at <= $4 AND m.ticket_number <> $5
                              AND ($1::text IS NULL OR m.catalog_code IS NULL OR m.catalog_code = $1)
                              AND ((m.merged_into IS NULL AND m.status = ANY($2))
                                   OR (m.status = 'MERGED' AND p.merged_into IS NULL AND p.status = ANY($2)))
                              AND (m.village_code = $6::text
                                   OR (m.latitude BETWEEN $7::float8 AND $8::float8 AND m.longitude BETWEEN $9::float8 AND $10::float8))
                        ), ranked AS (
                            SELECT around.*, row_number() OVER (PARTITION BY incident
                                       ORDER BY ticket_number = incident DESC, received_at DESC) AS nth
                            FROM around
                        )
                        SELECT * FROM ranked WHERE nth <= $13
                        ORDER BY (latitude - $11::float8) ^ 2 + (longitude - $12::float8) ^ 2 NULLS LAST, received_at DESC
                        LIMIT $14""")
                .execute(parameters)
                .map(rows -> {
                    List<Nearby> nearby = new ArrayList<>();
                    for (Row r : rows) {
                        nearby.add(new Nearby(r.getString("ticket_number"), r.getString("text"), r.getString("address"),
                                r.getString("village_name"), r.getString("township_name"), r.getString("village_code"),
                                r.getDouble("latitude"), r.getDouble("longitude"),
                                LocationPrecision.valueOf(r.getString("location_precision")),
                                r.getOffsetDateTime("received_at").toInstant(), r.getString("catalog_code"),
                                r.getString("incident")));
                    }
                    return nearby;
                });
    }

    /** How many called about each of the given primaries: the primary's caller and those merged into it. */
    public Uni<Map<String, Integer>> callersOf(Collection<String> primaries) {
        return database.preparedQuery("""
                        SELECT merged_into, count(*) AS linked FROM ticket
                        WHERE merged_into = ANY($1) AND status = 'MERGED' GROUP BY merged_into""")
                .execute(Tuple.of(primaries.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> callers = new HashMap<>();
                    primaries.forEach(p -> callers.put(p, 1));
                    rows.forEach(r -> callers.put(r.getString("merged_into"), 1 + r.getLong("linked").intValue()));
                    return callers;
                });
    }

    /** What a list of related tickets shows of each: status, text, receipt, the primary, and who may read it. */
    public record Brief(String ticketNumber, TicketStatus status, String text, OffsetDateTime receivedAt, String mergedInto,
            TicketScope.Reach reach) {
    }

    /** The given tickets, and those merged into {@code primary}. */
    public Uni<List<Brief>> briefs(Collection<String> numbers, String primary) {
        return database.preparedQuery("""
                        SELECT ticket_number, status, text, received_at, merged_into, unit_code, township_code,
                               village_code, assistants
                        FROM ticket
                        WHERE ticket_number = ANY($1) OR merged_into = $2""")
                .execute(Tuple.of(numbers.toArray(String[]::new), primary))
                .map(rows -> {
                    List<Brief> briefs = new ArrayList<>();
                    rows.forEach(r -> briefs.add(new Brief(r.getString("ticket_number"),
                            TicketStatus.valueOf(r.getString("status")), r.getString("text"),
                            r.getOffsetDateTime("received_at"), r.getString("merged_into"),
                            new TicketScope.Reach(r.getString("unit_code"), r.getString("township_code"),
                                    r.getString("village_code"), JointHandling.read(r.getString("assistants")).stream()
                                    .map(JointHandling.Assistant::unitCode).toList()))));
                    return briefs;
                });
    }

    // ---- the command-center screens

    /** A ticket a screen draws: its state as the events carry it, and whether its kiosk press was answered. */
    public record OnScreen(TicketSnapshot ticket, boolean pickedUp) {
    }

    /**
     * The open tickets, and the tickets merged into one of them (the callers of an incident), for a
     * screen's snapshot. The screen filters by its viewer's scope: one query serves every screen.
     */
    public Uni<List<OnScreen>> openForScreens() {
        String[] open = OPEN.stream().map(Enum::name).toArray(String[]::new);
        return database.preparedQuery("SELECT " + SNAPSHOT_COLUMNS + """
                        , t.picked_up_at FROM ticket t
                        WHERE t.status = ANY($1)
                           OR (t.status = 'MERGED' AND t.merged_into IN (SELECT ticket_number FROM ticket WHERE status = ANY($1)))
                        """)
                .execute(Tuple.of(open))
                .map(rows -> {
                    List<OnScreen> tickets = new ArrayList<>(rows.size());
                    rows.forEach(r -> tickets.add(new OnScreen(snapshot(r, cipher), r.getValue("picked_up_at") != null)));
                    return tickets;
                });
    }

    // ---- rebuilding and reconciling a projection

    /** A ticket as the event schema shows it, with its last step: what a rebuilt projection needs. */
    public record Recorded(TicketSnapshot ticket, String lastEventType, Instant updatedAt) {
    }

    /** A ticket's id and version: what a projection compares to know whether it is behind. */
    public record IdAndVersion(UUID id, int version) {
    }

    /** How many tickets wait in one state with one card: the business gauges' figures. */
    public record OpenCount(String status, String card, long tickets) {
    }

    /** The tickets not yet done (neither closed, revisited nor merged), by state and card. */
    public Uni<List<OpenCount>> openByStatusAndCard() {
        return database.preparedQuery("SELECT status, card, count(*) AS n FROM ticket"
                        + " WHERE status NOT IN ('CLOSED', 'REVISITED', 'MERGED') GROUP BY status, card").execute()
                .map(rows -> {
                    List<OpenCount> counts = new ArrayList<>();
                    rows.forEach(row -> counts.add(new OpenCount(row.getString("status"), row.getString("card"), row.getLong("n"))));
                    return counts;
                });
    }

    public Uni<Long> count() {
        return database.preparedQuery("SELECT count(*) AS n FROM ticket").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The next page in id order after {@code after} (start with {@link #FIRST_ID}). */
    public Uni<List<Recorded>> pageAfter(UUID after, int size) {
        return database.preparedQuery(RECORDED + " WHERE t.id > $1 ORDER BY t.id LIMIT $2").execute(Tuple.of(after, size))
                .map(this::recorded);
    }

    /** These tickets. */
    public Uni<List<Recorded>> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : database.preparedQuery(RECORDED + " WHERE t.id = ANY($1)").execute(Tuple.of(ids.toArray(UUID[]::new)))
                        .map(this::recorded);
    }

    /** Every ticket with a step since {@code since}. */
    public Uni<List<Recorded>> changedSince(Instant since) {
        return database.preparedQuery(RECORDED + " WHERE t.id IN (SELECT ticket_id FROM ticket_event WHERE occurred_at >= $1)")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC))).map(this::recorded);
    }

    /** Ids and versions in id order after {@code after}. */
    public Uni<List<IdAndVersion>> versionsAfter(UUID after, int size) {
        return database.preparedQuery("SELECT id, version FROM ticket WHERE id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(after, size))
                .map(rows -> {
                    List<IdAndVersion> versions = new ArrayList<>(rows.size());
                    rows.forEach(r -> versions.add(new IdAndVersion(r.getUUID("id"), r.getInteger("version"))));
                    return versions;
                });
    }

    /** Every column the snapshot needs, of a ticket aliased {@code t}; read by {@link #recorded(Row)}. */
    static final String SNAPSHOT_COLUMNS = """
            t.id, t.ticket_number, t.channel, t.source_id, t.status, t.kind, t.urgency, t.text, t.address,
                   t.longitude, t.latitude, t.location_precision, t.source_coord_system, t.source_longitude,
                   t.source_latitude, t.contact_name, t.contact_phone, t.anonymous, t.extras, t.township_name,
                   t.township_code, t.village_name, t.village_code, t.unit_code, t.unit_name, t.catalog_code,
                   t.catalog_name, t.assignee, t.routed_by, t.responsible, t.immediate, t.result_text, t.satisfaction,
                   t.supervised, t.redo_count, t.merged_into, t.extension_days, t.assistants, t.deadline,
                   t.sign_for_deadline, t.completion_deadline, t.feedback_deadline, t.card, t.yellow_at, t.paused_at,
                   t.deadline_provisional, t.source_time, t.received_at, t.received_by, t.version""";

    /** Every column the snapshot needs, plus the last step of the timeline. */
    private static final String RECORDED = "SELECT " + SNAPSHOT_COLUMNS + """
            , last.type AS last_event_type, last.occurred_at AS last_event_at
            FROM ticket t
            LEFT JOIN LATERAL (SELECT e.type, e.occurred_at FROM ticket_event e
                               WHERE e.ticket_id = t.id ORDER BY e.version DESC LIMIT 1) last ON true
            """;

    private List<Recorded> recorded(RowSet<Row> rows) {
        List<Recorded> list = new ArrayList<>(rows.size());
        rows.forEach(r -> list.add(recorded(r)));
        return list;
    }

    /** The same snapshot the events carry (see {@link TicketSnapshots#of(Ticket)}), from a row of {@link #SNAPSHOT_COLUMNS}. */
    static TicketSnapshot snapshot(Row r, ColumnCipher cipher) {
        TicketSnapshot snapshot = new TicketSnapshot(r.getUUID("id"), r.getString("ticket_number"), r.getString("channel"),
                r.getString("source_id"), TicketStatus.valueOf(r.getString("status")), TicketKind.valueOf(r.getString("kind")),
                Urgency.valueOf(r.getString("urgency")), r.getString("text"), r.getString("address"),
                new Location(r.getDouble("longitude"), r.getDouble("latitude"),
                        LocationPrecision.valueOf(r.getString("location_precision")), r.getString("source_coord_system"),
                        r.getDouble("source_longitude"), r.getDouble("source_latitude")),
                new Contact(cipher.open(r.getString("contact_name")), cipher.open(r.getString("contact_phone")), r.getBoolean("anonymous")),
                TicketSnapshots.extras(r.getString("extras")), r.getString("township_name"), r.getString("township_code"),
                r.getString("village_name"), r.getString("village_code"),
                TicketSnapshot.Ref.of(r.getString("unit_code"), r.getString("unit_name")),
                TicketSnapshot.Ref.of(r.getString("catalog_code"), r.getString("catalog_name")), r.getString("assignee"),
                r.getString("routed_by"), r.getString("responsible"), r.getBoolean("immediate"), r.getString("result_text"),
                r.getString("satisfaction"), r.getBoolean("supervised"), r.getInteger("redo_count"),
                r.getString("merged_into"), r.getInteger("extension_days"), JointHandling.read(r.getString("assistants")),
                shown(r, "deadline"),
                new TicketSnapshot.TimeLimits(shown(r, "sign_for_deadline"), shown(r, "completion_deadline"),
                        shown(r, "feedback_deadline"), Card.valueOf(r.getString("card")), shown(r, "yellow_at"),
                        r.getValue("paused_at") != null, r.getBoolean("deadline_provisional")),
                shown(r, "source_time"), shown(r, "received_at"), r.getString("received_by"), r.getInteger("version"));
        return snapshot;
    }

    private Recorded recorded(Row r) {
        TicketSnapshot snapshot = snapshot(r, cipher);
        OffsetDateTime lastAt = r.getOffsetDateTime("last_event_at");
        return new Recorded(snapshot, r.getString("last_event_type"),
                lastAt != null ? lastAt.toInstant() : r.getOffsetDateTime("received_at").toInstant());
    }

    private static OffsetDateTime shown(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.atZoneSameInstant(TicketView.SHOWN_IN).toOffsetDateTime();
    }
}
