package io.lastmile.sla;

import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Actor;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

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
    private static final int BATCH = 500;
    private static final java.time.Duration SCAN_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final TicketQueries tickets;
    private final TicketService service;
    private final RoutingService routing;
    private final SlaConfig config;
    private final MeterRegistry metrics;

    public TimeLimitWatch(TicketQueries tickets, TicketService service, RoutingService routing, SlaConfig config,
            MeterRegistry metrics) {
        this.tickets = tickets;
        this.service = service;
        this.routing = routing;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${lastmile.sla.scan-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        // A scan that never finished would stop every later one (they skip while one runs): bound it.
        return scanOnce().ifNoItem().after(SCAN_TIMEOUT).fail().onFailure().invoke(e -> LOG.warnf("Time-limit scan failed, again at the next tick: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * One pass over the due cards and the unanswered kiosk presses; answers how many steps it
     * recorded. A ticket that fails unexpectedly is logged and counted, and the pass goes on with
     * the others.
     */
    public Uni<Integer> scanOnce() {
        // One step after another: Hibernate Reactive keeps one session per Vert.x context, which
        // concurrent steps on this context would share.
        // Deferred: before routing data is loaded, a scan fails as a Uni (logged, next tick) instead of throwing.
        return Uni.createFrom().deferred(this::due).chain(work -> Multi.createFrom().iterable(work)
                .onItem().transformToUniAndConcatenate(this::take)
                .collect().asList()
                .map(outcomes -> {
                    long failed = outcomes.stream().filter(o -> o == Outcome.FAILED).count();
                    if (failed > 0) {
                        metrics.counter("lastmile.sla.scan.failures").increment(failed);
                        LOG.warnf("Time-limit scan: %d of %d due steps failed; they are due again at the next tick",
                                failed, outcomes.size());
                    }
                    return (int) outcomes.stream().filter(o -> o == Outcome.TAKEN).count();
                }));
    }

    private enum Outcome { TAKEN, NOT_DUE, FAILED }

    private record Due(String ticketNumber, TicketCommand command) {
    }

    private Uni<List<Due>> due() {
        return tickets.dueForTheWatch(BATCH, routing.snapshot().router().center().code(), config.kioskRedPickup(),
                config.kioskGreenPickup()).map(found -> found.stream().map(d -> new Due(d.ticketNumber(), switch (d.step()) {
                    case RED_CARD -> new TicketCommand.RaiseRedCard();
                    case YELLOW_CARD -> new TicketCommand.RaiseYellowCard();
                    case ESCALATION -> new TicketCommand.EscalateOverdue();
                    case KIOSK_UNANSWERED -> new TicketCommand.KioskUnanswered();
                })).toList());
    }

    /**
     * One due step, decided by the ticket under its row lock: a card another replica raised a
     * moment ago, or a deadline moved since the scan read it, is refused there and not recorded.
     */
    private Uni<Outcome> take(Due due) {
        Step step = due.command().step();
        return service.handle(due.ticketNumber(), due.command(), WATCH)
                .invoke(view -> metrics.counter("lastmile.sla.steps", "step", step.name()).increment())
                .map(view -> Outcome.TAKEN)
                .onFailure(StepRefused.class).recoverWithItem(e -> {
                    LOG.debugf("%s on %s not taken: %s", step, due.ticketNumber(), e.getMessage());
                    return Outcome.NOT_DUE;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s on %s failed: %s", step, due.ticketNumber(), e.toString());
                    return Outcome.FAILED;
                });
    }
}
