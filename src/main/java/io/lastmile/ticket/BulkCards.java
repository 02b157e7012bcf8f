package io.lastmile.ticket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.outbox.Outbox;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The yellow and red cards of many tickets, raised by one statement each, for the minute when
 * thousands of limits end together (every working-day limit ends at 17:30). Loading each ticket
 * into the model and writing it back costs milliseconds a card; a card changes two or three
 * columns. So the card steps, and only they, are also written as set-based SQL: the same
 * precondition as {@link Ticket}'s (card not yet raised, clock running, moment passed, a state
 * that takes cards), checked on each row under its lock, the same change (the card, the version,
 * for a red card supervision and the escalation moment), the same timeline entry and the same
 * event, snapshot and all. {@code BulkCardsAgreeWithTheModelTest} keeps the two in step. A ticket
 * another transaction holds is passed over (SKIP LOCKED) and met again at the next pass.
 */
@ApplicationScoped
public class BulkCards {

    private final Pool database;
    private final Outbox outbox;
    private final Deadlines deadlines;
    private final Clock clock;
    private final ObjectMapper json;
    private final io.lastmile.platform.ColumnCipher cipher;

    public BulkCards(Pool database, Outbox outbox, Deadlines deadlines, Clock clock, ObjectMapper json,
            io.lastmile.platform.ColumnCipher cipher) {
        this.cipher = cipher;
        this.database = database;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.clock = clock;
        this.json = json;
    }

    /** The states where a red card starts the escalation clock (a unit's stages); the card states are TicketQueries'. */
    private static final String[] UNIT_STAGES = Ticket.UNIT_STAGES.stream().map(Enum::name).toArray(String[]::new);

    /** Ticket.precondition(RAISE_YELLOW_CARD), on the locked row. */
    private static final String YELLOW = """
            UPDATE ticket t SET card = 'YELLOW', version = t.version + 1
            FROM (SELECT id FROM ticket
                  WHERE ticket_number = ANY($1) AND card = 'NONE' AND paused_at IS NULL
                    AND yellow_at <= $2 AND red_at > $2 AND status = ANY($3)
                  FOR NO KEY UPDATE SKIP LOCKED) due
            WHERE t.id = due.id
            RETURNING""" + " " + TicketQueries.SNAPSHOT_COLUMNS;

    /** Ticket.precondition(RAISE_RED_CARD), and what the red card changes besides the card (see Ticket.change and moveClock). */
    private static final String RED = """
            UPDATE ticket t SET card = 'RED', version = t.version + 1, supervised = true,
                   escalate_at = CASE WHEN t.status = ANY($4) THEN $2 + $5 * interval '1 millisecond' END
            FROM (SELECT id FROM ticket
                  WHERE ticket_number = ANY($1) AND card <> 'RED' AND paused_at IS NULL
                    AND red_at <= $2 AND status = ANY($3)
                  FOR NO KEY UPDATE SKIP LOCKED) due
            WHERE t.id = due.id
            RETURNING""" + " " + TicketQueries.SNAPSHOT_COLUMNS;

    /**
     * Raises the card on those of {@code ticketNumbers} that are due for it now, in one
     * transaction, and answers the numbers of those that got it.
     */
    public Uni<List<String>> raise(Card card, List<String> ticketNumbers, Actor actor) {
        return raise(card, ticketNumbers, actor, clock.instant());
    }

    /** As at {@code at}: for the test that holds the statement to the model, out of the running watch's way. */
    Uni<List<String>> raise(Card card, List<String> ticketNumbers, Actor actor, Instant at) {
        if (card == Card.NONE) {
            throw new IllegalArgumentException("no card to raise");
        }
        if (ticketNumbers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime now = at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        Tuple parameters = Tuple.tuple().addArrayOfString(ticketNumbers.toArray(String[]::new)).addOffsetDateTime(now)
                .addArrayOfString(TicketQueries.CARD_STATES);
        if (card == Card.RED) {
            parameters.addArrayOfString(UNIT_STAGES).addLong(deadlines.escalateAfterRed().toMillis());
        }
        return database.withTransaction(connection -> connection.preparedQuery(card == Card.YELLOW ? YELLOW : RED)
                        .execute(parameters)
                        .chain(rows -> {
                            List<TicketSnapshot> carded = new ArrayList<>(rows.size());
                            for (Row row : rows) {
                                carded.add(TicketQueries.snapshot(row, cipher));
                            }
                            TicketChange change = card == Card.YELLOW ? new TicketChange.YellowCardRaised()
                                    : new TicketChange.RedCardRaised();
                            return carded.isEmpty() ? Uni.createFrom().item(carded)
                                    : record(connection, carded, change, actor.name(), now.toInstant()).replaceWith(carded);
                        }))
                .invoke(carded -> {
                    if (!carded.isEmpty()) {
                        outbox.publishSoon();
                    }
                })
                .map(carded -> carded.stream().map(TicketSnapshot::ticketNumber).toList());
    }

    /** The timeline entries and the events, as TicketService records a step, in two statements. */
    private Uni<Void> record(SqlConnection connection, List<TicketSnapshot> carded, TicketChange change, String actor,
            Instant at) {
        int n = carded.size();
        UUID[] ids = new UUID[n];
        List<Outbox.Entry> events = new ArrayList<>(n);
        String data = TicketService.timelineData(json, change);
        for (int i = 0; i < n; i++) {
            TicketSnapshot t = carded.get(i);
            ids[i] = UUID.randomUUID();
            events.add(new Outbox.Entry(TicketEvent.TOPIC, t.id().toString(), ids[i], change.type(), at,
                    new TicketEvent(TicketEvent.SCHEMA_VERSION, ids[i], change.type(), t.id(), t.ticketNumber(), t.version(),
                            at, actor, null, change, t)));
        }
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        Tuple timeline = Tuple.tuple()
                .addArrayOfUUID(ids)
                .addArrayOfUUID(carded.stream().map(TicketSnapshot::id).toArray(UUID[]::new))
                .addArrayOfInteger(carded.stream().map(TicketSnapshot::version).toArray(Integer[]::new))
                .addArrayOfString(carded.stream().map(t -> t.status().name()).toArray(String[]::new))
                .addArrayOfString(carded.stream().map(TicketSnapshot::responsible).toArray(String[]::new))
                .addArrayOfString(carded.stream().map(t -> t.unit() == null ? null : t.unit().code()).toArray(String[]::new))
                .addString(change.type()).addString(actor).addString(data).addOffsetDateTime(when);
        return connection.preparedQuery("""
                        INSERT INTO ticket_event (id, ticket_id, version, from_status, to_status, responsible, unit_code,
                                                  type, actor, reason, data, occurred_at)
                        SELECT id, ticket_id, version, status, status, responsible, unit_code, $7, $8, NULL, $9, $10
                        FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[])
                             AS e(id, ticket_id, version, status, responsible, unit_code)""")
                .execute(timeline)
                .chain(() -> outbox.appendAll(connection, events));
    }
}
