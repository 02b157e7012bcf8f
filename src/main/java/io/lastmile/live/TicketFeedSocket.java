package io.lastmile.live;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;

/**
 * The live ticket feed for command-center screens: on connect, the recent events; then every
 * ticket event as it happens, as the JSON envelope of {@code ticket-events}.
 */
@WebSocket(path = "/api/v1/live/tickets", endpointId = TicketFeedSocket.ID)
public class TicketFeedSocket {

    static final String ID = "ticket-feed";

    private final LiveTicketFeed feed;

    public TicketFeedSocket(LiveTicketFeed feed) {
        this.feed = feed;
    }

    @OnOpen
    public Multi<String> replayRecent(WebSocketConnection connection) {
        return Multi.createFrom().iterable(feed.recentEvents());
    }
}
