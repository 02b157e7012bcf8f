package io.lastmile.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.ColumnCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a command leaves its events: a row in the command's own transaction. Sending to Kafka
 * inside that transaction would publish changes that later roll back, or lose events that commit.
 */
@ApplicationScoped
public class Outbox {

    /** Well below Kafka's default 1 MB record limit, also in UTF-8 (Chinese takes 3 bytes a character). */
    static final int MAX_EVENT_CHARACTERS = 300_000;

    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final ColumnCipher cipher;

    private final io.vertx.mutiny.sqlclient.Pool database;

    public Outbox(ObjectMapper json, OutboxRelay relay, ColumnCipher cipher, io.vertx.mutiny.sqlclient.Pool database) {
        this.json = json;
        this.relay = relay;
        this.cipher = cipher;
        this.database = database;
    }

    /**
     * Retention: rewrites the payloads of the events of {@code topic} under these record keys, and of
     * the events with these ids (published or not: a deployment may keep them long); a sealed payload
     * stays sealed. Answers how many rows changed.
     */
    public Uni<Integer> rewrite(String topic, List<String> recordKeys, List<UUID> eventIds,
            java.util.function.UnaryOperator<String> rewrite) {
        if (recordKeys.isEmpty() && eventIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return database.withTransaction(connection -> connection.preparedQuery("""
                        SELECT position, payload FROM outbox_event
                        WHERE (topic = $1 AND record_key = ANY($2)) OR event_id = ANY($3) FOR UPDATE""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(topic, recordKeys.toArray(String[]::new), eventIds.toArray(UUID[]::new)))
                .chain(rows -> {
                    List<io.vertx.mutiny.sqlclient.Tuple> changed = new java.util.ArrayList<>();
                    rows.forEach(r -> {
                        String stored = r.getString("payload");
                        String clear = cipher.open(stored);
                        String rewritten = rewrite.apply(clear);
                        if (!rewritten.equals(clear)) {
                            changed.add(io.vertx.mutiny.sqlclient.Tuple.of(r.getLong("position"),
                                    ColumnCipher.isSealed(stored) ? cipher.seal(rewritten) : rewritten));
                        }
                    });
                    return changed.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery("UPDATE outbox_event SET payload = $2 WHERE position = $1")
                                    .executeBatch(changed).replaceWith(changed.size());
                }));
    }

    /** Seals up to {@code batch} sealed payloads again under the current key (those under an older one); answers how many. */
    public Uni<Integer> reseal(int batch) {
        return database.withTransaction(connection -> connection.preparedQuery("""
                        SELECT position, payload FROM outbox_event WHERE payload LIKE 'gcm1.%' AND payload NOT LIKE $1
                        LIMIT $2 FOR UPDATE SKIP LOCKED""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(
                        cipher.currentTextPrefix().replace("_", "\\_") + "%", batch))
                .chain(rows -> {
                    List<io.vertx.mutiny.sqlclient.Tuple> updates = new java.util.ArrayList<>();
                    rows.forEach(r -> updates.add(io.vertx.mutiny.sqlclient.Tuple.of(r.getLong("position"),
                            cipher.seal(cipher.open(r.getString("payload"))))));
                    return updates.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery("UPDATE outbox_event SET payload = $2 WHERE position = $1")
                                    .executeBatch(updates).replaceWith(updates.size());
                }));
    }

    /** Call after the transaction that appended events committed: they leave now, not at the next sweep. */
    public void publishSoon() {
        relay.relaySoon();
    }

    /**
     * Runs {@code work} with the relay held (at most a few seconds): for a burst of writes that
     * should not share the processors with publishing their own events. The events leave when it ends.
     */
    public <T> Uni<T> holdRelayDuring(java.util.function.Supplier<Uni<T>> work) {
        return relay.holdDuring(work);
    }

    /** Must be called inside the caller's {@code @WithTransaction}. */
    public Uni<OutboxEvent> append(String topic, String key, UUID eventId, String type, Instant occurredAt,
            Object event) {
        return persist(new Entry(topic, key, eventId, type, occurredAt, event), false);
    }

    /**
     * As {@link #append}, with the payload sealed at rest (the relay opens it): for events that carry
     * personal data in clear, such as a dead letter's original bytes on {@code intake.dlq}.
     */
    public Uni<OutboxEvent> appendSealed(String topic, String key, UUID eventId, String type, Instant occurredAt,
            Object event) {
        return persist(new Entry(topic, key, eventId, type, occurredAt, event), true);
    }

    private Uni<OutboxEvent> persist(Entry entry, boolean sealed) {
        OutboxEvent row;
        try {
            row = row(entry);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        if (sealed) {
            row.payload = cipher.seal(row.payload);
        }
        return row.persist();
    }

    /** One event to append. */
    public record Entry(String topic, String key, UUID eventId, String type, Instant occurredAt, Object event) {
    }

    /**
     * Many events, in list order, inside the caller's {@code @WithTransaction}: one INSERT for up to
     * {@link #ROWS_PER_INSERT} of them (their positions come from an identity column, which Hibernate
     * would insert one round trip each). The rows of one VALUES list take their positions in list
     * order. For steps taken through the model in batches, and intake batches.
     */
    public Uni<Void> appendAll(List<Entry> entries) {
        List<OutboxEvent> rows;
        try {
            rows = entries.stream().map(this::row).toList();
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(chunks(rows))
                .onItem().transformToUniAndConcatenate(this::insert)
                .collect().last().replaceWithVoid();
    }

    /** Six parameters a row: well below PostgreSQL's 65,535 parameters a statement. */
    static final int ROWS_PER_INSERT = 1_000;

    private static List<List<OutboxEvent>> chunks(List<OutboxEvent> rows) {
        List<List<OutboxEvent>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i += ROWS_PER_INSERT) {
            chunks.add(rows.subList(i, Math.min(i + ROWS_PER_INSERT, rows.size())));
        }
        return chunks;
    }

    private Uni<Integer> insert(List<OutboxEvent> rows) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)".formatted(p + 1, p + 2, p + 3, p + 4, p + 5, p + 6));
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                int p = i * 6;
                insert.setParameter(p + 1, row.eventId);
                insert.setParameter(p + 2, row.topic);
                insert.setParameter(p + 3, row.recordKey);
                insert.setParameter(p + 4, row.eventType);
                insert.setParameter(p + 5, row.payload);
                insert.setParameter(p + 6, row.occurredAt.atOffset(java.time.ZoneOffset.UTC));
            }
            return insert.executeUpdate();
        });
    }

    /**
     * Many events in one statement on a plain SQL connection, inside the caller's transaction on
     * it: for steps written without Hibernate (cards raised by the thousand).
     */
    public Uni<Void> appendAll(io.vertx.mutiny.sqlclient.SqlConnection connection, List<Entry> entries) {
        List<OutboxEvent> rows;
        try {
            rows = entries.stream().map(this::row).toList();
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return connection.preparedQuery("""
                        INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)
                        SELECT event_id, topic, record_key, event_type, payload, occurred_at
                        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
                             WITH ORDINALITY AS e(event_id, topic, record_key, event_type, payload, occurred_at, n)
                        ORDER BY n""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.tuple()
                        .addArrayOfUUID(rows.stream().map(r -> r.eventId).toArray(UUID[]::new))
                        .addArrayOfString(rows.stream().map(r -> r.topic).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(r -> r.recordKey).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(r -> r.eventType).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(r -> r.payload).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(rows.stream().map(r -> r.occurredAt.atOffset(java.time.ZoneOffset.UTC))
                                .toArray(java.time.OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** The row of an event, refused now if Kafka would refuse it later. */
    private OutboxEvent row(Entry entry) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = entry.eventId();
        row.topic = entry.topic();
        row.recordKey = entry.key();
        row.eventType = entry.type();
        row.occurredAt = entry.occurredAt();
        try {
            row.payload = json.writeValueAsString(entry.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable: " + entry.type(), e);
        }
        if (row.payload.length() > MAX_EVENT_CHARACTERS) {
            // Kafka refuses records over 1 MB: better to fail the command now than to stall the relay later.
            throw new IllegalStateException("event " + entry.type() + " of " + row.payload.length()
                    + " characters exceeds " + MAX_EVENT_CHARACTERS);
        }
        return row;
    }
}
