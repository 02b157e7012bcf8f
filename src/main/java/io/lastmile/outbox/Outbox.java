package io.lastmile.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    public Outbox(ObjectMapper json, OutboxRelay relay) {
        this.json = json;
        this.relay = relay;
    }

    /** Call after the transaction that appended events committed: they leave now, not at the next sweep. */
    public void publishSoon() {
        relay.relaySoon();
    }

    /** Must be called inside the caller's {@code @WithTransaction}. */
    public Uni<OutboxEvent> append(String topic, String key, UUID eventId, String type, Instant occurredAt,
            Object event) {
        OutboxEvent row;
        try {
            row = row(new Entry(topic, key, eventId, type, occurredAt, event));
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return row.persist();
    }

    /** One event to append. */
    public record Entry(String topic, String key, UUID eventId, String type, Instant occurredAt, Object event) {
    }

    /** Rows per INSERT statement: 6 parameters each, well below PostgreSQL's 65,535 per statement. */
    private static final int ROWS_PER_INSERT = 1_000;

    /**
     * Many events in one INSERT per thousand, for steps taken in a batch; must be called inside
     * the caller's {@code @WithTransaction}. Positions are drawn in list order, as one append
     * after another would draw them.
     */
    public Uni<Void> appendAll(List<Entry> entries) {
        List<OutboxEvent> rows;
        try {
            rows = entries.stream().map(this::row).toList();
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<OutboxEvent> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            written = written.chain(() -> insert(chunk));
        }
        return written;
    }

    private static Uni<Void> insert(List<OutboxEvent> rows) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)".formatted(p + 1, p + 2, p + 3, p + 4, p + 5, p + 6));
        }
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                int p = i * 6;
                insert.setParameter(p + 1, row.eventId).setParameter(p + 2, row.topic).setParameter(p + 3, row.recordKey)
                        .setParameter(p + 4, row.eventType).setParameter(p + 5, row.payload).setParameter(p + 6, row.occurredAt);
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
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
