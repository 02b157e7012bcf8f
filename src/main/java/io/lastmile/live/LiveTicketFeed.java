package io.lastmile.live;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Pushes every ticket event to the screens connected to this replica. Each replica reads
 * {@code ticket-events} in a consumer group of its own (all replicas see every event) and keeps the
 * latest events in memory, so that a screen that just connected starts with recent activity.
 */
@ApplicationScoped
public class LiveTicketFeed {

    static final String CHANNEL = "ticket-events-live";
    private static final Logger LOG = Logger.getLogger(LiveTicketFeed.class);

    private final OpenConnections connections;
    private final int remembered;
    private final Deque<String> recent = new ArrayDeque<>();

    public LiveTicketFeed(OpenConnections connections,
            @ConfigProperty(name = "lastmile.live.remembered-events", defaultValue = "50") int remembered) {
        this.connections = connections;
        this.remembered = remembered;
    }

    @Incoming(CHANNEL)
    public Uni<Void> push(String event) {
        remember(event);
        Collection<WebSocketConnection> screens = connections.findByEndpointId(TicketFeedSocket.ID);
        if (screens.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(screens.stream()
                        .map(screen -> screen.sendText(event)
                                // A screen that went away must not hold up the others.
                                .onFailure().invoke(e -> LOG.debugf("Screen %s missed an event: %s", screen.id(), e))
                                .onFailure().recoverWithNull())
                        .toList())
                .andCollectFailures()
                .replaceWithVoid();
    }

    /** The remembered events, oldest first. */
    synchronized List<String> recentEvents() {
        return List.copyOf(recent);
    }

    private synchronized void remember(String event) {
        recent.addLast(event);
        while (recent.size() > remembered) {
            recent.removeFirst();
        }
    }
}
