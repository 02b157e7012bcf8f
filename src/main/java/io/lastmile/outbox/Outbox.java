package io.lastmile.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = topic;
        row.recordKey = key;
        row.eventType = type;
        row.occurredAt = occurredAt;
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serializable: " + type, e));
        }
        if (row.payload.length() > MAX_EVENT_CHARACTERS) {
            // Kafka refuses records over 1 MB: better to fail the command now than to stall the relay later.
            return Uni.createFrom().failure(new IllegalStateException("event " + type + " of " + row.payload.length()
                    + " characters exceeds " + MAX_EVENT_CHARACTERS));
        }
        return row.persist();
    }
}
