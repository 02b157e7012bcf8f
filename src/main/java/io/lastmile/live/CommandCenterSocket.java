package io.lastmile.live;

import io.lastmile.platform.Roles;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;

/**
 * The whole county's screen (指挥中心大屏): a snapshot of the open tickets and the KPI tiles, then a
 * delta per event, each with a cursor to resume from ({@code ?cursor=}). For the command center's
 * staff; officials watch their own unit's feed ({@link UnitFeedSocket}).
 */
@WebSocket(path = "/api/v1/live/command-center", endpointId = CommandCenterSocket.ID)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class CommandCenterSocket {

    static final String ID = "command-center";

    private final ScreenConnections screens;

    CommandCenterSocket(ScreenConnections screens) {
        this.screens = screens;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        screens.openCommandCenter(connection);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        screens.closed(connection);
    }
}
