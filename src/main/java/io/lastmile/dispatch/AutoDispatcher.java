package io.lastmile.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.LatestVersions;
import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.RoutingService;
import io.lastmile.routing.RoutingSnapshot;
import io.lastmile.ticket.Actor;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Dispatches at receipt what needs no dispatcher (a RED kiosk press of a known village, a
 * classified urban case): it reads {@code TicketReceived} from {@code ticket-events} in a group of
 * its own ({@code lastmile-auto-dispatch}), after the ticket is committed, and sends the ticket the
 * {@code DispatchOnReceipt} command as {@code system}. The ticket refuses it once anything else has
 * happened (an operator's answer, a dispatcher's step), so a late or repeated event changes nothing.
 * Everything else waits in the dispatcher's queue.
 */
@ApplicationScoped
public class AutoDispatcher {

    static final String CHANNEL = "ticket-events-dispatch";
    static final String ACTOR = "system";
    private static final Logger LOG = Logger.getLogger(AutoDispatcher.class);

    private final AutoDispatchConfig config;
    private final RoutingService routing;
    private final TicketService tickets;
    private final TicketEventReader events;
    private final MeterRegistry metrics;
    private final LatestVersions handled = new LatestVersions(100_000);

    public AutoDispatcher(AutoDispatchConfig config, RoutingService routing, TicketService tickets, ObjectMapper json,
            MeterRegistry metrics) {
        this.config = config;
        this.routing = routing;
        this.tickets = tickets;
        this.events = new TicketEventReader(json);
        this.metrics = metrics;
        metrics.counter("lastmile.dispatch.automatic"); // a series from the start, at 0
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        if (!TicketEventReader.mayBe(record.headers(), TicketChange.TicketReceived.class)) {
            return Uni.createFrom().voidItem();
        }
        TicketEvent event = events.read(record.value()).orElse(null);
        if (event == null || !(event.change() instanceof TicketChange.TicketReceived) || !handled.isNew(event.ticketId(), event.version())) {
            return Uni.createFrom().voidItem();
        }
        // Deferred, so that a replica starting with events waiting (routing data not loaded yet) retries
        // below instead of failing the channel.
        return Uni.createFrom().deferred(() -> dispatchIfCertain(event))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(20)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Dispatch at receipt of %s gave up; it waits in the queue: %s", event.ticketNumber(), e.toString());
                    return null;
                });
    }

    private Uni<Void> dispatchIfCertain(TicketEvent event) {
        RoutingSnapshot snapshot = routing.snapshot();
        Boolean matterSetting = event.ticket().catalogItem() == null ? null : snapshot.catalog()
                .byCode(event.ticket().catalogItem().code()).map(CatalogItem::autoDispatch).orElse(null);
        Optional<String> reason = AutoDispatch.reason(event.ticket(),
                config.channels().getOrDefault(event.ticket().channel(), false), matterSetting, config.reports(),
                snapshot.router().center().code());
        if (reason.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tickets.handle(event.ticketNumber(), new TicketCommand.DispatchOnReceipt(reason.get()), Actor.system(ACTOR))
                .invoke(() -> metrics.counter("lastmile.dispatch.automatic").increment())
                .replaceWithVoid()
                // Something happened first (an answer, a dispatcher, a merge): the ticket is theirs.
                .onFailure(StepRefused.class).recoverWithItem(e -> {
                    LOG.debugf("Not dispatching %s at receipt: %s", event.ticketNumber(), e.getMessage());
                    return null;
                });
    }
}
