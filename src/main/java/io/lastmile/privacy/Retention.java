package io.lastmile.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lastmile.intake.DeadLetters;
import io.lastmile.outbox.Outbox;
import io.lastmile.search.Reindexer;
import io.lastmile.ticket.PersonalData;
import io.lastmile.ticket.event.TicketEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The retention job: closed tickets past the period lose their callers' personal data in the ticket
 * row, the timeline's reasons and results, the search documents, the dead letters and the outbox
 * rows. The tickets, their timelines and their KPIs stay. Reports each pass in the log, in the
 * {@code lastmile.retention.anonymised} counter and at {@code GET /api/v1/admin/retention}.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** What one pass did; {@code ticketNumbers} names the first thousand tickets it anonymised. */
    public record Report(Instant startedAt, Instant cutoff, int tickets, int timelineEntries, long indexDocuments,
            int deadLetters, int outboxEvents, List<String> ticketNumbers) {
    }

    private final PersonalData personalData;
    private final DeadLetters deadLetters;
    private final Outbox outbox;
    private final Reindexer reindexer;
    private final RetentionConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public Retention(PersonalData personalData, DeadLetters deadLetters, Outbox outbox, Reindexer reindexer,
            RetentionConfig config, Clock clock, ObjectMapper json, MeterRegistry metrics) {
        this.personalData = personalData;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.reindexer = reindexer;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
    }

    @Scheduled(every = "${lastmile.retention.interval:1d}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(e -> LOG.errorf("Retention pass failed (the next one retries): %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The last pass of this replica, if any. */
    public Report last() {
        return last.get();
    }

    public java.time.Period period() {
        return config.period();
    }

    /** One pass now: everything due, batch by batch. */
    public Uni<Report> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(config.period()).toInstant();
        Tally tally = new Tally();
        return batches(cutoff, tally)
                .map(ignored -> new Report(now, cutoff, tally.tickets, tally.timelineEntries, tally.indexDocuments,
                        tally.deadLetters, tally.outboxEvents, List.copyOf(tally.ticketNumbers)))
                .invoke(report -> {
                    last.set(report);
                    count("tickets", report.tickets());
                    count("timeline-entries", report.timelineEntries());
                    count("index-documents", report.indexDocuments());
                    count("dead-letters", report.deadLetters());
                    count("outbox-events", report.outboxEvents());
                    LOG.infof("Retention (%s, closed before %s): anonymised %d tickets, %d timeline entries, %d index documents,"
                                    + " %d dead letters, %d outbox events", config.period(), cutoff, report.tickets(),
                            report.timelineEntries(), report.indexDocuments(), report.deadLetters(), report.outboxEvents());
                });
    }

    /** What a pass did so far; the report names at most {@link #NAMED} tickets. */
    private static final class Tally {
        static final int NAMED = 1000;
        int tickets;
        int timelineEntries;
        long indexDocuments;
        int deadLetters;
        int outboxEvents;
        final List<String> ticketNumbers = new ArrayList<>();
    }

    /**
     * One batch of tickets, then their dead letters, outbox rows and documents, so that a first pass
     * over years of closed tickets never holds them all at once; the next batch until one is short.
     */
    private Uni<Void> batches(Instant cutoff, Tally tally) {
        return personalData.anonymiseClosedBefore(cutoff, config.batchSize()).chain(batch -> {
            List<String> numbers = batch.stream().map(PersonalData.Anonymised::ticketNumber).toList();
            return deadLetters.forget(numbers, cutoff)
                    .chain(letters -> rewriteOutbox(batch, letters)
                            .chain(outboxRows -> reindexer.rewrite(batch.stream().map(PersonalData.Anonymised::id).toList())
                                    .invoke(indexed -> {
                                        tally.tickets += batch.size();
                                        tally.timelineEntries += batch.stream().mapToInt(PersonalData.Anonymised::timelineEntries).sum();
                                        tally.indexDocuments += indexed;
                                        tally.deadLetters += letters.size();
                                        tally.outboxEvents += outboxRows;
                                        numbers.stream().limit(Math.max(0, Tally.NAMED - tally.ticketNumbers.size()))
                                                .forEach(tally.ticketNumbers::add);
                                    })))
                    .chain(ignored -> batch.size() < config.batchSize() ? Uni.createFrom().voidItem() : batches(cutoff, tally));
        });
    }

    /** The tickets' events (keyed by ticket id) without the callers, and the dead letters' events without their bytes. */
    private Uni<Integer> rewriteOutbox(List<PersonalData.Anonymised> tickets, List<UUID> letters) {
        Map<String, PersonalData.Anonymised> byId = new java.util.HashMap<>();
        tickets.forEach(t -> byId.put(t.id().toString(), t));
        Uni<Integer> events = outbox.rewrite(TicketEvent.TOPIC, List.copyOf(byId.keySet()), List.of(), payload -> {
            JsonNode tree = read(payload);
            JsonNode ticketId = tree.path("ticketId");
            PersonalData.Anonymised t = byId.get(ticketId.asText());
            return t == null ? payload : write(forget(tree, t));
        });
        return events.chain(changed -> outbox.rewrite(DeadLetters.TOPIC, List.of(), letters, payload -> {
            JsonNode tree = read(payload);
            if (tree instanceof ObjectNode letter && letter.has("payloadBase64")) {
                letter.remove("payloadBase64");
                letter.put("payloadForgotten", true);
                return write(letter);
            }
            return payload;
        }).map(more -> changed + more));
    }

    /** Every "contact" without name and phone, every text without the caller's name and numbers. */
    private static JsonNode forget(JsonNode node, PersonalData.Anonymised t) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
            fields.forEachRemaining(copy::add);
            for (Map.Entry<String, JsonNode> field : copy) {
                if (field.getKey().equals("contact") && field.getValue() instanceof ObjectNode contact) {
                    contact.putNull("name");
                    contact.putNull("phone");
                } else if (field.getValue().isTextual()) {
                    object.set(field.getKey(), TextNode.valueOf(PersonalData.forget(field.getValue().asText(), t.name(), t.phone())));
                } else {
                    forget(field.getValue(), t);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, TextNode.valueOf(PersonalData.forget(item.asText(), t.name(), t.phone())));
                } else {
                    forget(item, t);
                }
            }
        }
        return node;
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an outbox payload that is not JSON", e);
        }
    }

    private String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(String what, long n) {
        metrics.counter("lastmile.retention.anonymised", "what", what).increment(n);
    }
}
