package io.lastmile.duplicates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.ticket.Actor;
import io.lastmile.ticket.InvalidCommand;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.lastmile.ticket.event.TicketSnapshot;
import io.lastmile.platform.LatestVersions;
import io.lastmile.ticket.TicketService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Looks for earlier tickets about the same problem whenever a ticket is received (一事多诉: one
 * problem, many callers). It reads {@code TicketReceived} from {@code ticket-events} in a consumer
 * group of its own ({@code lastmile-duplicates}: each event handled by one replica), after the
 * ticket is committed, so intake never waits for it and a failure here never loses a ticket.
 *
 * <p>Above the link score the new ticket is merged into the earliest matching open ticket (合并, on
 * both timelines through the ordinary step): its caller keeps their own ticket number and follows
 * the primary's progress. Below, the pair is stored as a suggestion for a dispatcher. Redelivery is
 * harmless: a pair is stored once and only a newly stored link merges, so a dispatcher's unmerge is
 * never undone by a repeated event.
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

    public DuplicateDetector(DuplicatesConfig config, DuplicateCandidates candidates, TicketService tickets,
            ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.candidates = candidates;
        this.tickets = tickets;
        this.events = new TicketEventReader(json);
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(String raw) {
        TicketEvent event = events.read(raw).orElse(null);
        if (event == null || !config.enabled() || !(event.change() instanceof TicketChange.TicketReceived)
                || event.ticket().catalogItem() == null || !handled.isNew(event.ticketId(), event.version())) {
            // Not a new ticket, or one this replica looked at already (a redelivery): pairs are stored once anyway.
            return Uni.createFrom().voidItem();
        }
        return detect(event.ticket())
                .onFailure().invoke(e -> LOG.warnf("Duplicate detection for %s failed, retrying: %s", event.ticketNumber(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(20)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Duplicate detection for %s gave up: %s", event.ticketNumber(), e.toString());
                    return null;
                });
    }

    Uni<Void> detect(TicketSnapshot ticket) {
        Report report = report(ticket);
        DuplicateRule rule = config.ruleFor(report.category());
        return candidates.around(report, rule)
                .map(earlier -> DuplicateRules.matches(report, earlier, rule))
                .chain(matches -> candidates.record(report.ticketNumber(), matches).chain(inserted -> {
                    metrics.counter("lastmile.duplicates.suggested").increment(matches.size());
                    return matches.stream()
                            .filter(m -> m.decision() == DuplicateRules.Decision.AUTO_LINKED
                                    && inserted.contains(m.earlier().ticketNumber()))
                            .findFirst()
                            .map(link -> link(report.ticketNumber(), link))
                            .orElse(Uni.createFrom().voidItem());
                }));
    }

    private Uni<Void> link(String ticketNumber, DuplicateRules.Match link) {
        String primary = link.earlier().ticketNumber();
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

    static Report report(TicketSnapshot t) {
        boolean positioned = t.location() != null && t.location().latitude() != null && t.location().longitude() != null;
        return new Report(t.ticketNumber(), t.catalogItem() == null ? null : t.catalogItem().code(),
                positioned ? t.location().latitude() : null, positioned ? t.location().longitude() : null,
                positioned && t.location().precision() == LocationPrecision.EXACT, t.villageCode(),
                t.receivedAt().toInstant(), TextSimilarity.problem(t.text(), t.address(), t.village(), t.township()));
    }
}
