package io.lastmile.live;

import io.lastmile.security.Viewers;
import io.lastmile.ticket.TicketScope;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * What the screen sockets share: a connection becomes a {@link Screen} of the feed, with the
 * cursor it sent ({@code ?cursor=}) and the end of its token (the socket closes with 1008 then;
 * the page has refreshed its token and reconnects with its cursor before that).
 */
@ApplicationScoped
class ScreenConnections {

    static final String CURSOR_PARAMETER = "cursor";
    private static final UserData.TypedKey<Screen> SCREEN = new UserData.TypedKey<>("lastmile.screen");

    private final ScreenFeed feed;
    private final LiveConfig config;
    private final Viewers viewers;
    private final JsonWebToken token;

    ScreenConnections(ScreenFeed feed, LiveConfig config, Viewers viewers, JsonWebToken token) {
        this.feed = feed;
        this.config = config;
        this.viewers = viewers;
        this.token = token;
    }

    /** The whole county within the viewer's reach. */
    void openCommandCenter(WebSocketConnection connection) {
        open(connection, viewers.current().scope());
    }

    /** What the unit's officials read (the handshake check has refused unknown units and other units' officials). */
    void openUnit(WebSocketConnection connection, String unitCode) {
        open(connection, viewers.unitScope(unitCode).orElseThrow());
    }

    private void open(WebSocketConnection connection, TicketScope scope) {
        if (token.getExpirationTime() > 0) {
            connection.userData().put(TicketFeedSocket.EXPIRES, Instant.ofEpochSecond(token.getExpirationTime()));
        }
        Screen screen = new Screen(new Screen.Socket() {
            @Override
            public Uni<Void> send(String text) {
                return connection.sendText(text);
            }

            @Override
            public void close(int code, String reason) {
                connection.close(new CloseReason(code, reason)).subscribe().with(closed -> { }, ignored -> { });
            }
        }, scope, config.screenQueue(), config.screenSendTimeout());
        connection.userData().put(SCREEN, screen);
        feed.open(screen, cursorOf(connection.handshakeRequest().query()));
    }

    void closed(WebSocketConnection connection) {
        Screen screen = connection.userData().get(SCREEN);
        if (screen != null) {
            screen.disconnected();
            feed.closed(screen);
        }
    }

    static Optional<FeedCursor> cursorOf(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(CURSOR_PARAMETER + "=")) {
                return FeedCursor.parse(URLDecoder.decode(pair.substring(CURSOR_PARAMETER.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
