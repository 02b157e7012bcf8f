package io.lastmile.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business gauges at {@code /q/metrics}: the tickets not yet done by state
 * ({@code lastmile_tickets_open{status}}) and those carrying a yellow or red card
 * ({@code lastmile_tickets_cards_open{card}}), counted in PostgreSQL every 30 s so that every replica
 * reports the county's figure, not its own share of the traffic.
 */
@ApplicationScoped
public class OpenTicketGauges {

    private static final Logger LOG = Logger.getLogger(OpenTicketGauges.class);

    private final TicketQueries queries;
    private final Map<TicketStatus, AtomicLong> byStatus = new EnumMap<>(TicketStatus.class);
    private final Map<Card, AtomicLong> byCard = new EnumMap<>(Card.class);

    public OpenTicketGauges(TicketQueries queries, MeterRegistry metrics) {
        this.queries = queries;
        for (TicketStatus status : TicketStatus.values()) {
            if (status != TicketStatus.CLOSED && status != TicketStatus.REVISITED && status != TicketStatus.MERGED) {
                AtomicLong value = new AtomicLong();
                byStatus.put(status, value);
                Gauge.builder("lastmile.tickets.open", value, AtomicLong::get).tag("status", status.name())
                        .description("Tickets not yet done, by state").register(metrics);
            }
        }
        for (Card card : new Card[] {Card.YELLOW, Card.RED}) {
            AtomicLong value = new AtomicLong();
            byCard.put(card, value);
            Gauge.builder("lastmile.tickets.cards.open", value, AtomicLong::get).tag("card", card.name())
                    .description("Tickets not yet done that carry this card").register(metrics);
        }
    }

    /** The series exist from the start (at 0), before the first count. */
    void registerAtStart(@Observes StartupEvent started) {
        LOG.debugf("Business gauges registered: %d states, %d cards", byStatus.size(), byCard.size());
    }

    @Scheduled(every = "30s", delayed = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> count() {
        return queries.openByStatusAndCard().invoke(counts -> {
            Map<TicketStatus, Long> statuses = new EnumMap<>(TicketStatus.class);
            Map<Card, Long> cards = new EnumMap<>(Card.class);
            for (TicketQueries.OpenCount count : counts) {
                statuses.merge(TicketStatus.valueOf(count.status()), count.tickets(), Long::sum);
                cards.merge(Card.valueOf(count.card()), count.tickets(), Long::sum);
            }
            byStatus.forEach((status, value) -> value.set(statuses.getOrDefault(status, 0L)));
            byCard.forEach((card, value) -> value.set(cards.getOrDefault(card, 0L)));
        }).onFailure().invoke(e -> LOG.debugf("Could not count the open tickets: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
