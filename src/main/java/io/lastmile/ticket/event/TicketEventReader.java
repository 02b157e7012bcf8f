package io.lastmile.ticket.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
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

    /**
     * Whether a record may hold an event of {@code type}, from its {@code ce_type} header alone: a
     * consumer that wants one type skips the others without parsing them (six groups read every
     * event). A record without the header may hold anything.
     */
    public static boolean mayBe(Headers headers, Class<? extends TicketChange> type) {
        Header declared = headers == null ? null : headers.lastHeader("ce_type");
        return declared == null || type.getSimpleName().equals(new String(declared.value(), StandardCharsets.UTF_8));
    }
}
