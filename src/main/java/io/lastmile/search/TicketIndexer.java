package io.lastmile.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.LatestVersions;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Keeps the tickets index in step with {@code ticket-events}: one bulk request per batch of
 * records, each document written with the ticket's version as an external version, so a repeated
 * or older event is refused by the search node itself and never overwrites a newer state. While
 * the search node is down the batch is retried with back-off (at most 10 s apart, so the index
 * catches up within seconds of the node's return), and the consumer goes on from there.
 */
@ApplicationScoped
public class TicketIndexer {

    static final String CHANNEL = "ticket-events-search";
    private static final Logger LOG = Logger.getLogger(TicketIndexer.class);

    private final TicketSearchIndex index;
    private final TicketDocuments documents;
    private final SearchBulk bulk;
    private final TicketEventReader reader;
    private final LatestVersions indexed = new LatestVersions(100_000);

    public TicketIndexer(TicketSearchIndex index, TicketDocuments documents, SearchBulk bulk, ObjectMapper json) {
        this.index = index;
        this.documents = documents;
        this.bulk = bulk;
        this.reader = new TicketEventReader(json);
    }

    @Incoming(CHANNEL)
    public Uni<Void> index(List<String> events) {
        String body = bulkBody(events);
        if (body.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return index.ensureExists()
                .chain(() -> bulk.send(body, true))
                .onFailure().invoke(e -> LOG.warnf("Indexing %d ticket events failed, retrying: %s", events.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    private String bulkBody(List<String> events) {
        StringBuilder body = new StringBuilder();
        for (String raw : events) {
            TicketEvent event = reader.read(raw).orElse(null);
            if (event == null || !indexed.isNew(event.ticketId(), event.version())) {
                continue; // a redelivery, or an older state arriving late: the index holds as new or newer
            }
            documents.appendIndexAction(body, TicketSearchIndex.ALIAS, event.ticket(), event.type(), event.occurredAt(), false);
        }
        return body.toString();
    }
}
