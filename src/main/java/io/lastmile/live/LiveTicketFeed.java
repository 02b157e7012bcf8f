package io.lastmile.live;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
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
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final OpenConnections connections;
    private final int remembered;
    private final Deque<String> recent = new ArrayDeque<>();

    public LiveTicketFeed(OpenConnections connections,
            @ConfigProperty(name = "lastmile.live.remembered-events", defaultValue = "50") int remembered) {
        this.connections = connections;
        this.remembered = remembered;
    }

    @Incoming(CHANNEL)
    public void push(String event) {
        remember(event);
        // Sent without waiting: a screen that stopped reading (a tablet asleep with its socket open)
        // must not hold up the feed of every other screen. One that cannot take an event in time is dropped.
        for (WebSocketConnection screen : connections.findByEndpointId(TicketFeedSocket.ID)) {
            screen.sendText(event)
                    .ifNoItem().after(SEND_TIMEOUT).fail()
                    .subscribe().with(ok -> { }, failure -> {
                        LOG.debugf("Screen %s missed an event, closing it: %s", screen.id(), failure);
                        screen.close().subscribe().with(closed -> { }, ignored -> { });
                    });
        }
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
