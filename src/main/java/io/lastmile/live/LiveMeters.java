package io.lastmile.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.websockets.next.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What operations people watch of the live feeds: the sockets open on this replica per endpoint
 * ({@code lastmile_live_sockets}) and how long a new ticket takes from its receipt to the screens'
 * queues ({@code lastmile_live_intake_to_screen_seconds}, a histogram, so that Grafana can take a
 * p95 over several replicas).
 */
@ApplicationScoped
public class LiveMeters {

    private static final List<String> ENDPOINTS = List.of(CommandCenterSocket.ID, UnitFeedSocket.ID, TicketFeedSocket.ID);

    private final Timer intakeToScreen;

    public LiveMeters(MeterRegistry registry, OpenConnections connections) {
        for (String endpoint : ENDPOINTS) {
            Gauge.builder("lastmile.live.sockets", connections, open -> open.findByEndpointId(endpoint).size())
                    .description("WebSocket connections open on this replica")
                    .tag("endpoint", endpoint).register(registry);
        }
        this.intakeToScreen = Timer.builder("lastmile.live.intake.to.screen")
                .description("From a ticket's receipt (its TicketReceived event) to its delta in the screens' queues")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** A new ticket's delta, received at {@code receivedAt}, handed to the screens now. */
    void handedToScreens(Instant receivedAt, Instant now) {
        Duration delay = Duration.between(receivedAt, now);
        // A replica's clock behind the one that took the ticket would say negative: count it as no delay.
        intakeToScreen.record(delay.isNegative() ? Duration.ZERO : delay);
    }
}
