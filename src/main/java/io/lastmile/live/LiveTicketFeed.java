package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.security.Viewer;
import io.lastmile.platform.LatestVersions;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Pushes every ticket event to the screens connected to this replica whose viewer may see the ticket. Each replica reads
 * {@code ticket-events} in a consumer group of its own (all replicas see every event) and keeps the
 * latest events in memory, so that a screen that just connected starts with recent activity.
 */
@ApplicationScoped
public class LiveTicketFeed {

    static final String CHANNEL = "ticket-events-live";
    private static final Logger LOG = Logger.getLogger(LiveTicketFeed.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    /** A message as sent, with who may read its ticket, so that each screen's reach is checked without parsing it again. */
    private record LiveEvent(String json, TicketScope.Reach reach) {
    }

    private final OpenConnections connections;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int remembered;
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    private final LatestVersions pushed = new LatestVersions(100_000);
    private final LiveMessages messages;
    private final TicketEventReader events;

    public LiveTicketFeed(OpenConnections connections, ObjectMapper mapper, Clock clock,
            LiveConfig config) {
        this.connections = connections;
        this.mapper = mapper;
        this.clock = clock;
        this.remembered = config.rememberedEvents();
        this.messages = new LiveMessages(mapper);
        this.events = new TicketEventReader(mapper);
    }

    @Incoming(CHANNEL)
    public void push(String raw) {
        TicketEvent received = events.read(raw).orElse(null);
        if (received == null || received.ticket() == null || !pushed.isNew(received.ticketId(), received.version())) {
            return; // a redelivery or a late older state: every screen has it, or something newer
        }
        String json = messages.of(received).toString();
        TicketScope.Reach reach = received.ticket().reach();
        LiveEvent event = new LiveEvent(json, reach);
        remember(event);
        // Sent without waiting: a screen that stopped reading (a tablet asleep with its socket open)
        // must not hold up the feed of every other screen. One that cannot take an event in time is dropped.
        for (WebSocketConnection screen : connections.findByEndpointId(TicketFeedSocket.ID)) {
            Viewer viewer = screen.userData().get(TicketFeedSocket.VIEWER);
            if (viewer == null || !viewer.scope().covers(reach)) {
                continue;
            }
            screen.sendText(json)
                    .ifNoItem().after(SEND_TIMEOUT).fail()
                    .subscribe().with(ok -> { }, failure -> {
                        LOG.debugf("Screen %s missed an event, closing it: %s", screen.id(), failure);
                        screen.close().subscribe().with(closed -> { }, ignored -> { });
                    });
        }
    }

    /** The remembered events within this viewer's reach, oldest first. */
    synchronized List<String> recentEventsFor(Viewer viewer) {
        return recent.stream().filter(e -> viewer.scope().covers(e.reach())).map(LiveEvent::json).toList();
    }

    /** A socket lives no longer than the token it was opened with (close code 1008, policy violation). */
    @Scheduled(every = "${lastmile.live.expiry-check:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeExpiredScreens() {
        Instant now = clock.instant();
        // Every live socket: this feed's and the command-center screens' (they put the same key).
        for (WebSocketConnection screen : connections.listAll()) {
            Instant expires = screen.userData().get(TicketFeedSocket.EXPIRES);
            if (expires != null && !expires.isAfter(now)) {
                screen.close(new CloseReason(1008, "token expired"))
                        .subscribe().with(closed -> { }, ignored -> { });
            }
        }
    }

    private synchronized void remember(LiveEvent event) {
        recent.addLast(event);
        while (recent.size() > remembered) {
            recent.removeFirst();
        }
    }
}
