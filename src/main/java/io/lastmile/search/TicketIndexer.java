package io.lastmile.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketEvent;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the tickets index in step with {@code ticket-events}: one bulk request per batch of
 * records, each document written with the ticket's version as an external version, so a repeated
 * or older event is refused by the search node itself and never overwrites a newer state. While
 * the search node is down the batch is retried with back-off, and the consumer catches up after.
 */
@ApplicationScoped
public class TicketIndexer {

    static final String CHANNEL = "ticket-events-search";
    private static final Logger LOG = Logger.getLogger(TicketIndexer.class);

    private final RestClient search;
    private final TicketSearchIndex index;
    private final ObjectMapper json;

    public TicketIndexer(RestClient search, TicketSearchIndex index, ObjectMapper json) {
        this.search = search;
        this.index = index;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> index(List<String> events) {
        String bulk = bulkBody(events);
        if (bulk.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return index.ensureExists()
                .chain(() -> {
                    Request request = new Request("POST", "/_bulk");
                    // Never let a write to the alias create a plain index with guessed mappings.
                    request.addParameter("require_alias", "true");
                    request.setJsonEntity(bulk);
                    return SearchRequests.send(search, request);
                })
                .map(response -> {
                    try {
                        return json.readTree(response.getEntity().getContent());
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable bulk response", e);
                    }
                })
                .invoke(this::failOnItemErrorsOtherThanOlderVersions)
                .onFailure().invoke(e -> LOG.warnf("Indexing %d ticket events failed, retrying: %s", events.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    private String bulkBody(List<String> events) {
        StringBuilder bulk = new StringBuilder();
        for (String raw : events) {
            TicketEvent event;
            try {
                event = json.readValue(raw, TicketEvent.class);
            } catch (JsonProcessingException e) {
                // Our own outbox wrote it; a record we cannot read is a bug to see, not a reason to stop indexing.
                LOG.errorf("Skipping an unreadable ticket event: %s", e.getOriginalMessage());
                continue;
            }
            try {
                bulk.append(json.writeValueAsString(json.createObjectNode().set("index", json.createObjectNode()
                        .put("_index", TicketSearchIndex.ALIAS)
                        .put("_id", event.ticketId().toString())
                        .put("version", event.version())
                        .put("version_type", "external"))))
                        .append('\n')
                        .append(json.writeValueAsString(document(event)))
                        .append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return bulk.toString();
    }

    /** The event's view, flattened for the index: a geo point, and the contact as masked by the event. */
    private ObjectNode document(TicketEvent event) {
        TicketView t = event.ticket();
        ObjectNode doc = json.valueToTree(t);
        doc.remove(List.of("id", "location", "contact"));
        doc.put("ticketId", t.id().toString());
        Location location = t.location();
        if (location != null && location.latitude() != null && location.longitude() != null) {
            doc.putObject("point").put("lat", location.latitude()).put("lon", location.longitude());
        }
        doc.put("locationPrecision", location == null ? LocationPrecision.NONE.name() : location.precision().name());
        // Masked again here (masking is idempotent): whatever a producer sends, no phone is indexed in clear.
        Contact contact = t.contact() == null ? Contact.NONE : t.contact().masked();
        doc.put("contactName", contact.name());
        doc.put("contactPhone", contact.phone());
        doc.put("anonymous", contact.anonymous());
        doc.put("lastEventType", event.type());
        doc.put("updatedAt", event.occurredAt().toString());
        return doc;
    }

    /** A 409 on an item means the index already holds this or a newer version: exactly what we want. */
    private void failOnItemErrorsOtherThanOlderVersions(com.fasterxml.jackson.databind.JsonNode response) {
        if (!response.path("errors").asBoolean()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        response.path("items").forEach(item -> {
            var result = item.path("index");
            int status = result.path("status").asInt();
            if (status >= 300 && status != 409) {
                failures.add(result.path("_id").asText() + ": " + result.path("error").toString());
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException("bulk items failed: " + failures);
        }
    }
}
