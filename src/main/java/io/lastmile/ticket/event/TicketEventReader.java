package io.lastmile.ticket.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Reads one record of {@code ticket-events} for a consumer. The service's own outbox wrote it, so
 * a record that cannot be read is a bug to see in the log, not a reason to stop consuming: the
 * consumer skips it.
 */
public final class TicketEventReader {

    private static final Logger LOG = Logger.getLogger(TicketEventReader.class);

    private final ObjectMapper json;

    public TicketEventReader(ObjectMapper json) {
        this.json = json;
    }

    public Optional<TicketEvent> read(String raw) {
        try {
            return Optional.of(json.readValue(raw, TicketEvent.class));
        } catch (JsonProcessingException e) {
            LOG.errorf("Skipping an unreadable ticket event: %s", e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
