package io.lastmile.duplicates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.ticket.Actor;
import io.lastmile.ticket.InvalidCommand;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.lastmile.ticket.event.TicketSnapshot;
import io.lastmile.platform.LatestVersions;
import io.lastmile.ticket.TicketService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Looks for the open incident a new ticket belongs to whenever one is received (一事多诉: one
 * problem, many callers), classified or not. It reads {@code TicketReceived} from {@code ticket-events}
 * in a consumer group of its own ({@code lastmile-duplicates}: each event handled by one replica),
 * after the ticket is committed, so intake never waits for it and a failure here never loses a ticket.
 *
 * <p>An incident is a primary ticket and the callers merged into it (合并). The new ticket joins at
 * most one ({@link DuplicateRules}): above the link score it is merged into the incident's primary,
 * on both timelines through the ordinary step, and its caller keeps their own ticket number and
 * follows the primary's progress; below, one suggestion is stored for a dispatcher. Redelivery is
 * harmless: a ticket's row is stored once and only a newly stored link merges, so a dispatcher's
 * unmerge is never undone by a repeated event.
 */
@ApplicationScoped
public class DuplicateDetector {

    static final String CHANNEL = "ticket-events-duplicates";
    static final String ACTOR = "duplicate-detection";
    private static final Logger LOG = Logger.getLogger(DuplicateDetector.class);

    private final DuplicatesConfig config;
    private final DuplicateCandidates candidates;
    private final TicketService tickets;
    private final TicketEventReader events;
    private final MeterRegistry metrics;
    private final LatestVersions handled = new LatestVersions(100_000);
    /** From the event's arrival to the decision (candidates read and compared), per received ticket. */
    private final Timer detection;

    public DuplicateDetector(DuplicatesConfig config, DuplicateCandidates candidates, TicketService tickets,
            ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.candidates = candidates;
        this.tickets = tickets;
        this.events = new TicketEventReader(json);
        this.metrics = metrics;
        // Series from the start, at 0, so that dashboards can rate them.
        metrics.counter("lastmile.duplicates.linked");
        metrics.counter("lastmile.duplicates.suggested");
        this.detection = Timer.builder("lastmile.incidents.detection")
                .description("Time to find the open incident a received ticket belongs to")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(15))
                .register(metrics);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        if (!TicketEventReader.mayBe(record.headers(), TicketChange.TicketReceived.class)) {
            return Uni.createFrom().voidItem();
        }
        TicketEvent event = events.read(record.value()).orElse(null);
        if (event == null || !config.enabled() || !(event.change() instanceof TicketChange.TicketReceived)
                || !handled.isNew(event.ticketId(), event.version())) {
            // Not a new ticket, or one this replica looked at already (a redelivery): pairs are stored once anyway.
            return Uni.createFrom().voidItem();
        }
        // Deferred: the report classifies with the routing data, which a replica just started may not have yet.
        return Uni.createFrom().deferred(() -> detect(event.ticket()))
                .onFailure().invoke(e -> LOG.warnf("Duplicate detection for %s failed, retrying: %s", event.ticketNumber(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(20)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Duplicate detection for %s gave up: %s", event.ticketNumber(), e.toString());
                    return null;
                });
    }

    Uni<Void> detect(TicketSnapshot ticket) {
        Report report = candidates.report(ticket);
        Timer.Sample started = Timer.start(metrics);
        return candidates.around(report, config)
                .map(around -> DuplicateRules.best(report, around, config::ruleFor))
                .invoke(() -> started.stop(detection))
                .chain(best -> best.map(match -> candidates.record(report.ticketNumber(), match).chain(stored -> {
                    if (!stored) {
                        return Uni.createFrom().voidItem(); // found before (a redelivery): decided then
                    }
                    metrics.counter("lastmile.duplicates.suggested").increment();
                    return match.decision() == DuplicateRules.Decision.AUTO_LINKED
                            ? link(report.ticketNumber(), match) : Uni.createFrom().voidItem();
                })).orElse(Uni.createFrom().voidItem()));
    }

    private Uni<Void> link(String ticketNumber, DuplicateRules.Match link) {
        String primary = link.incident();
        TicketCommand.Merge merge = new TicketCommand.Merge(primary, "同一问题多人反映，自动关联 (the same problem as "
                + primary + ", score " + link.score() + ")");
        // The one consumer of ticket-events that acts: through the same command a dispatcher would take.
        return tickets.handle(ticketNumber, merge, Actor.system(ACTOR))
                .invoke(() -> metrics.counter("lastmile.duplicates.linked").increment())
                .replaceWithVoid()
                // The primary or the new ticket moved on meanwhile: a dispatcher decides instead.
                .onFailure(e -> e instanceof StepRefused || e instanceof InvalidCommand)
                .recoverWithUni(e -> {
                    LOG.infof("Not linking %s to %s (%s): left as a suggestion", ticketNumber, primary, e.getMessage());
                    return candidates.decide(ticketNumber, primary, DuplicateRules.Decision.SUGGESTED.name(), ACTOR);
                });
    }
}
