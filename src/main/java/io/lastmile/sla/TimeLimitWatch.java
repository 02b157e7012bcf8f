package io.lastmile.sla;

import io.lastmile.outbox.Outbox;
import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Actor;
import io.lastmile.ticket.BulkCards;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketService.PlannedStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Watches every time limit: raises the yellow card when a stage's yellow moment passes and the
 * red card at its deadline, and sends a kiosk press nobody picked up in time to the county
 * command center. Each as a step on the ticket (timeline and {@code ticket-events}), raised once:
 * the step takes the ticket's row lock and the ticket checks again that it is due, so two replicas
 * scanning at the same moment still raise it once. The scan reads only due rows, through partial indexes.
 */
@ApplicationScoped
public class TimeLimitWatch {

    static final String ACTOR = "system:time-limits";
    private static final Actor WATCH = Actor.system(ACTOR);
    private static final Logger LOG = Logger.getLogger(TimeLimitWatch.class);
    /** Steps per transaction: through the model, or cards by one statement per colour. */
    private static final int BATCH = 500;
    /** Due steps of each kind the watch reads per pass: ten batches, so that few passes wait for their slowest batch. */
    public static final int DUE_PER_KIND = 5_000;
    private static final java.time.Duration SCAN_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final TicketQueries tickets;
    private final TicketService service;
    private final RoutingService routing;
    private final SlaConfig config;
    private final MeterRegistry metrics;
    private final java.time.Clock clock;
    private final io.vertx.core.Vertx vertx;
    private final BulkCards bulkCards;
    private final Outbox outbox;

    public TimeLimitWatch(TicketQueries tickets, TicketService service, RoutingService routing, SlaConfig config,
            MeterRegistry metrics, java.time.Clock clock, io.vertx.core.Vertx vertx, BulkCards bulkCards, Outbox outbox) {
        this.bulkCards = bulkCards;
        this.outbox = outbox;
        this.clock = clock;
        this.vertx = vertx;
        this.tickets = tickets;
        this.service = service;
        this.routing = routing;
        this.config = config;
        this.metrics = metrics;
        // Every step the watch takes is a series from the start, at 0, so that dashboards can rate it.
        for (Step watchStep : List.of(Step.RAISE_YELLOW_CARD, Step.RAISE_RED_CARD, Step.KIOSK_UNANSWERED, Step.ESCALATE)) {
            metrics.counter("lastmile.sla.steps", "step", watchStep.name());
        }
    }

    @Scheduled(every = "${lastmile.sla.scan-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        // A scan that never finished would stop every later one (they skip while one runs): bound it.
        return scanOnce().ifNoItem().after(SCAN_TIMEOUT).fail().onFailure().invoke(e -> LOG.warnf("Time-limit scan failed, again at the next tick: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Passes over the due cards and the unanswered kiosk presses until nothing more is due, or a
     * pass takes nothing; answers how many steps were recorded. Each pass raises the due cards with
     * one statement per colour and batch ({@link BulkCards}) and takes the other steps through the
     * model in batches ({@link TicketService#handleEach}), several batches at a time; what fails
     * unexpectedly ends up taken one ticket at a time, so that one broken ticket is logged and
     * counted and the others go on. A burst of cards (more than one batch) holds the outbox relay
     * until the scan ends: the cards first, then their events.
     */
    public Uni<Integer> scanOnce() {
        return scan(false);
    }

    private Uni<Integer> scan(boolean relayHeld) {
        // Deferred: before routing data is loaded, a scan fails as a Uni (logged, next tick) instead of throwing.
        return Uni.createFrom().deferred(() -> tickets.dueForTheWatch(DUE_PER_KIND, routing.snapshot().router().center().code(),
                config.kioskRedPickup(), config.kioskGreenPickup(), clock.instant())).chain(rows -> {
            DueNow due = DueNow.of(rows);
            if (!relayHeld && due.cards().size() > BATCH) {
                // Publishing and consuming thousands of events would take the processors the cards need.
                return outbox.holdRelayDuring(() -> takeAndGoOn(due, true));
            }
            return takeAndGoOn(due, relayHeld);
        });
    }

    private Uni<Integer> takeAndGoOn(DueNow due, boolean relayHeld) {
        return take(due).chain(taken -> due.more() && taken > 0
                ? scan(relayHeld).map(later -> taken + later)
                : Uni.createFrom().item(taken));
    }

    /** What one due query found: the cards, the other steps, and whether a kind may have more behind it. */
    private record DueNow(List<PlannedStep> cards, List<PlannedStep> others, boolean more) {

        static DueNow of(List<TicketQueries.Due> due) {
            // The query answers at most DUE_PER_KIND of each kind: a full kind may have more behind it.
            boolean more = due.stream().collect(Collectors.groupingBy(TicketQueries.Due::step, Collectors.counting()))
                    .values().stream().anyMatch(n -> n >= DUE_PER_KIND);
            List<PlannedStep> cards = due.stream().filter(d -> d.step() == TicketQueries.DueStep.RED_CARD)
                    .map(d -> new PlannedStep(d.ticketNumber(), command(d.step()))).collect(Collectors.toList());
            // Red first: the more urgent colour starts first.
            due.stream().filter(d -> d.step() == TicketQueries.DueStep.YELLOW_CARD)
                    .map(d -> new PlannedStep(d.ticketNumber(), command(d.step()))).forEach(cards::add);
            List<PlannedStep> others = due.stream().filter(d -> d.step() == TicketQueries.DueStep.KIOSK_UNANSWERED
                    || d.step() == TicketQueries.DueStep.ESCALATION).map(d -> new PlannedStep(d.ticketNumber(), command(d.step()))).toList();
            return new DueNow(cards, others, more);
        }
    }

    /** Takes one due query's steps; answers how many were recorded. */
    private Uni<Integer> take(DueNow due) {
        return inBatches(due.cards(), this::raiseCards)
                .chain(carded -> inBatches(due.others(), batch -> onItsOwnContext(() -> takeBatch(batch)))
                        .map(taken -> concat(carded, taken)))
                .map(outcomes -> {
                    long failed = outcomes.stream().filter(o -> o == Outcome.FAILED).count();
                    if (failed > 0) {
                        metrics.counter("lastmile.sla.scan.failures").increment(failed);
                        LOG.warnf("Time-limit scan: %d of %d due steps failed; they are due again at the next tick",
                                failed, outcomes.size());
                    }
                    return (int) outcomes.stream().filter(o -> o == Outcome.TAKEN).count();
                });
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> both = new java.util.ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * Steps in batches of {@link #BATCH}, in list order, {@code scanParallelBatches} at a time: each
     * batch its own transaction on its own pooled connection, so that PostgreSQL works on one while
     * the service reads and writes the rows of another.
     */
    private Uni<List<Outcome>> inBatches(List<PlannedStep> steps, java.util.function.Function<List<PlannedStep>, Uni<List<Outcome>>> batch) {
        if (steps.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().range(0, (steps.size() + BATCH - 1) / BATCH)
                .map(i -> steps.subList(i * BATCH, Math.min(steps.size(), (i + 1) * BATCH)))
                .onItem().transformToUni(b -> batch.apply(b))
                .merge(config.scanParallelBatches())
                .collect().asList()
                .map(results -> results.stream().flatMap(List::stream).toList());
    }

    /**
     * A batch of due cards, by one statement per colour ({@link BulkCards}); if that fails
     * unexpectedly, the same steps through the model, where one broken ticket holds back nobody.
     */
    private Uni<List<Outcome>> raiseCards(List<PlannedStep> batch) {
        return raiseCards(batch, Card.RED).chain(red -> raiseCards(batch, Card.YELLOW).map(yellow -> concat(red, yellow)));
    }

    private Uni<List<Outcome>> raiseCards(List<PlannedStep> due, Card card) {
        Step step = card == Card.RED ? Step.RAISE_RED_CARD : Step.RAISE_YELLOW_CARD;
        List<PlannedStep> ofThisColour = due.stream().filter(d -> d.command().step() == step).toList();
        if (ofThisColour.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return bulkCards.raise(card, ofThisColour.stream().map(PlannedStep::ticketNumber).toList(), WATCH)
                .map(carded -> {
                    metrics.counter("lastmile.sla.steps", "step", step.name()).increment(carded.size());
                    List<Outcome> outcomes = new java.util.ArrayList<>(ofThisColour.size());
                    for (int i = 0; i < ofThisColour.size(); i++) {
                        outcomes.add(i < carded.size() ? Outcome.TAKEN : Outcome.NOT_TAKEN);
                    }
                    return outcomes;
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Raising %d %s cards at once failed (%s); taking them through the model", ofThisColour.size(),
                            card, e.toString());
                    return inBatches(ofThisColour, batch -> onItsOwnContext(() -> takeBatch(batch)));
                });
    }

    private <T> Uni<T> onItsOwnContext(java.util.function.Supplier<Uni<T>> work) {
        io.vertx.core.Context context = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> work.get().subscribe()
                .with(emitter::complete, emitter::fail)));
    }

    private static TicketCommand command(TicketQueries.DueStep due) {
        return switch (due) {
            case RED_CARD -> new TicketCommand.RaiseRedCard();
            case YELLOW_CARD -> new TicketCommand.RaiseYellowCard();
            case ESCALATION -> new TicketCommand.EscalateOverdue();
            case KIOSK_UNANSWERED -> new TicketCommand.KioskUnanswered();
        };
    }

    private enum Outcome { TAKEN, NOT_TAKEN, FAILED }

    /**
     * A batch of due steps in one transaction, each decided by its ticket under the row lock: a
     * card another replica raised a moment ago, or a deadline moved since the scan read it, is
     * refused there and not recorded; a ticket held by another transaction is due again next pass.
     * A batch that fails unexpectedly is taken again one step per transaction, so that one broken
     * ticket is logged and counted and holds back none of the others.
     */
    private Uni<List<Outcome>> takeBatch(List<PlannedStep> steps) {
        Uni<List<Outcome>> taken = service.handleEach(steps, WATCH).map(outcomes -> {
            List<Outcome> ours = new java.util.ArrayList<>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                boolean tookIt = outcomes.get(i) == TicketService.Outcome.TAKEN;
                if (tookIt) {
                    metrics.counter("lastmile.sla.steps", "step", steps.get(i).command().step().name()).increment();
                }
                ours.add(tookIt ? Outcome.TAKEN : Outcome.NOT_TAKEN);
            }
            return ours;
        });
        return steps.size() == 1
                ? taken.onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s on %s failed: %s", steps.get(0).command().step(), steps.get(0).ticketNumber(), e.toString());
                    return List.of(Outcome.FAILED);
                })
                : taken.onFailure().recoverWithUni(e -> {
                    LOG.warnf("A batch of %d time-limit steps failed (%s); taking them one by one", steps.size(), e.toString());
                    return Multi.createFrom().iterable(steps)
                            .onItem().transformToUniAndConcatenate(step -> takeBatch(List.of(step)))
                            .collect().asList().map(each -> each.stream().flatMap(List::stream).toList());
                });
    }
}
