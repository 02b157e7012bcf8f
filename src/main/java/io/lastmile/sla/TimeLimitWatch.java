package io.lastmile.sla;

import io.lastmile.routing.Organization.Unit;
import io.lastmile.routing.RoutingService;
import io.lastmile.routing.RoutingSnapshot;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.Ticket;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketService.StepRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches every time limit: raises the yellow card when a stage's yellow moment passes and the
 * red card at its deadline, and sends a kiosk press nobody picked up in time to the county
 * command center. Each as a step on the ticket (timeline and {@code ticket-events}), raised once:
 * the step takes the ticket's row lock and checks the card again, so two replicas scanning at the
 * same moment still raise it once. The scan reads only due rows, through partial indexes.
 */
@ApplicationScoped
public class TimeLimitWatch {

    static final String ACTOR = "system:time-limits";
    private static final Logger LOG = Logger.getLogger(TimeLimitWatch.class);
    private static final int BATCH = 500;
    private static final java.time.Duration SCAN_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** Thrown inside a step when another replica (or an earlier scan) already did it: nothing to record. */
    static final class AlreadyDone extends RuntimeException {
        AlreadyDone() {
            super("already done", null, false, false);
        }
    }

    private final Pool database;
    private final TicketService tickets;
    private final RoutingService routing;
    private final SlaConfig config;
    private final MeterRegistry metrics;
    private final TicketClock ticketClock;
    private final java.time.Clock clock;

    public TimeLimitWatch(Pool database, TicketService tickets, RoutingService routing, SlaConfig config,
            MeterRegistry metrics, TicketClock ticketClock, java.time.Clock clock) {
        this.ticketClock = ticketClock;
        this.clock = clock;
        this.database = database;
        this.tickets = tickets;
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

    /** One pass over the due cards and the unanswered kiosk presses; answers how many steps it recorded. */
    public Uni<Integer> scanOnce() {
        // One step after another: Hibernate Reactive keeps one session per Vert.x context, which
        // concurrent steps on this context would share.
        return due().chain(work -> Multi.createFrom().iterable(work)
                .onItem().transformToUniAndConcatenate(this::take)
                .collect().asList()
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
    }

    private record Due(String ticketNumber, Step step) {
    }

    private Uni<List<Due>> due() {
        String center = routing.snapshot().router().center().code();
        return database.preparedQuery("""
                (SELECT ticket_number, 'RED' AS what FROM ticket
                  WHERE card <> 'RED' AND paused_at IS NULL AND red_at <= now() ORDER BY red_at LIMIT $1)
                UNION ALL
                (SELECT ticket_number, 'YELLOW' FROM ticket
                  WHERE card = 'NONE' AND paused_at IS NULL AND yellow_at <= now() AND red_at > now()
                  ORDER BY yellow_at LIMIT $1)
                UNION ALL
                (SELECT ticket_number, 'KIOSK' FROM ticket
                  WHERE kind IN ('KIOSK_RED', 'KIOSK_GREEN') AND picked_up_at IS NULL
                    AND status IN ('RECEIVED', 'REGISTERED', 'DISPATCHED') AND unit_code <> $2
                    AND received_at <= now() - (CASE kind WHEN 'KIOSK_RED' THEN $3::bigint ELSE $4::bigint END) * interval '1 second'
                  ORDER BY received_at LIMIT $1)
                UNION ALL
                (SELECT ticket_number, 'ESCALATE' FROM ticket
                  WHERE escalate_at <= now() AND card = 'RED' AND unit_code <> $2 ORDER BY escalate_at LIMIT $1)""")
                .execute(Tuple.of(BATCH, center, config.kioskRedPickup().toSeconds(), config.kioskGreenPickup().toSeconds()))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getString("ticket_number"), switch (row.getString("what")) {
                        case "RED" -> Step.RAISE_RED_CARD;
                        case "YELLOW" -> Step.RAISE_YELLOW_CARD;
                        case "ESCALATE" -> Step.ESCALATE;
                        default -> Step.KIOSK_UNANSWERED;
                    })));
                    return due;
                });
    }

    private Uni<Boolean> take(Due due) {
        Consumer<Ticket> change = switch (due.step()) {
            case RAISE_RED_CARD -> t -> {
                if ("RED".equals(t.card) || t.redAt == null || t.pausedAt != null) {
                    throw new AlreadyDone();
                }
                t.card = "RED";
                // 红牌: supervised until done, and escalated if it stays unresolved.
                t.supervised = true;
                ticketClock.onStep(Step.RAISE_RED_CARD, t, clock.instant(), null, null);
            };
            case RAISE_YELLOW_CARD -> t -> {
                if (!"NONE".equals(t.card) || t.yellowAt == null || t.pausedAt != null) {
                    throw new AlreadyDone();
                }
                t.card = "YELLOW";
            };
            case ESCALATE -> escalate(routing.snapshot());
            default -> kioskToCountyCenter(routing.snapshot());
        };
        Map<String, Object> data = switch (due.step()) {
            case KIOSK_UNANSWERED -> Map.of("alert", "便民服务点呼叫无人接听，县指挥中心介入 (nobody picked up the kiosk press in time)");
            case ESCALATE -> Map.of("automatic", true);
            default -> Map.of();
        };
        String reason = due.step() == Step.ESCALATE ? "红牌逾期未办结，自动升级 (red card unresolved: escalated automatically)" : null;
        return tickets.apply(due.ticketNumber(), new StepRequest(due.step(), ACTOR, reason, data), change)
                .invoke(view -> metrics.counter("lastmile.sla.steps", "step", due.step().name()).increment())
                .map(view -> true)
                .onFailure(e -> e instanceof AlreadyDone || e instanceof StepRefused).invoke(e -> LOG.debugf(
                        "%s on %s not taken: %s", due.step(), due.ticketNumber(), e.getMessage()))
                .onFailure(e -> e instanceof AlreadyDone || e instanceof StepRefused).recoverWithItem(false);
    }

    /** 升级 by the clock: one level up, with new deadlines for the new unit. */
    private Consumer<Ticket> escalate(RoutingSnapshot snapshot) {
        return t -> {
            if (t.escalateAt == null || t.escalateAt.isAfter(clock.instant()) || !"RED".equals(t.card)) {
                throw new AlreadyDone();
            }
            Unit above = snapshot.router().levelAbove(t.unitCode, t.catalogCode).orElseThrow(AlreadyDone::new);
            t.unitCode = above.code();
            t.unitName = above.name();
            t.assignee = snapshot.organization().holderOnDuty(above.code());
            ticketClock.onStep(Step.ESCALATE, t, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    TicketClock.Limit.of(snapshot, t.catalogCode), null);
        };
    }


    private static Consumer<Ticket> kioskToCountyCenter(RoutingSnapshot snapshot) {
        Unit center = snapshot.router().center();
        return t -> {
            if (t.pickedUpAt != null || center.code().equals(t.unitCode)) {
                throw new AlreadyDone();
            }
            t.unitCode = center.code();
            t.unitName = center.name();
            t.assignee = snapshot.organization().holderOnDuty(center.code());
            t.responsible = center.code();
        };
    }
}
