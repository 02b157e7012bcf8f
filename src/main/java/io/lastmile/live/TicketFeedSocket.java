package io.lastmile.live;

import io.lastmile.platform.Roles;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/**
 * The live ticket feed for command-center screens and officials: on connect, the recent events;
 * then every ticket event as it happens, as the JSON envelope of {@code ticket-events}. The
 * handshake needs a token (the {@code Authorization} header, or {@code access_token} for
 * browsers); each screen gets only the events of tickets within its viewer's reach, and the
 * socket closes when the token expires.
 */
@WebSocket(path = "/api/v1/live/tickets", endpointId = TicketFeedSocket.ID)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
public class TicketFeedSocket {

    static final String ID = "ticket-feed";
    /** Who is watching this screen, fixed at the handshake. */
    static final UserData.TypedKey<Viewer> VIEWER = new UserData.TypedKey<>("lastmile.viewer");
    /** When the handshake's token ends; the feed closes the socket then. */
    static final UserData.TypedKey<Instant> EXPIRES = new UserData.TypedKey<>("lastmile.token-expires");

    private final LiveTicketFeed feed;
    private final Viewers viewers;
    private final JsonWebToken token;

    public TicketFeedSocket(LiveTicketFeed feed, Viewers viewers, JsonWebToken token) {
        this.feed = feed;
        this.viewers = viewers;
        this.token = token;
    }

    @OnOpen
    public Multi<String> replayRecent(WebSocketConnection connection) {
        Viewer viewer = viewers.current();
        connection.userData().put(VIEWER, viewer);
        if (token.getExpirationTime() > 0) {
            connection.userData().put(EXPIRES, Instant.ofEpochSecond(token.getExpirationTime()));
        }
        return Multi.createFrom().iterable(feed.recentEventsFor(viewer));
    }
}
