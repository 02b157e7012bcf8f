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
        return row.persist();
    }
}
