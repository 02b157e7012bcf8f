package io.lastmile.live;

import io.lastmile.platform.Roles;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One unit's screen: the tickets of the unit and the units below it, and those in its area (what
 * its officials read), as snapshot and deltas like {@link CommandCenterSocket}. For that unit's
 * officials (and those of a unit above it) and the county's staff; another unit's official is
 * refused at the handshake ({@code 403}), an unknown unit is {@code 404}.
 */
@WebSocket(path = "/api/v1/live/units/{unitCode}", endpointId = UnitFeedSocket.ID)
@RolesAllowed({Roles.OFFICIAL, Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class UnitFeedSocket {

    static final String ID = "unit-feed";

    private final ScreenConnections screens;

    UnitFeedSocket(ScreenConnections screens) {
        this.screens = screens;
    }

    @OnOpen
    void open(WebSocketConnection connection, @PathParam String unitCode) {
        screens.openUnit(connection, unitCode);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        screens.closed(connection);
    }

    /** Refuses the upgrade of an unknown unit or of another unit's official, before any byte of the feed ({@link FeedAccess}). */
    @ApplicationScoped
    public static class UnitAccess implements HttpUpgradeCheck {

        private final FeedAccess access;

        public UnitAccess(FeedAccess access) {
            this.access = access;
        }

        @Override
        public boolean appliesTo(String endpointId) {
            return ID.equals(endpointId);
        }

        @Override
        public Uni<CheckResult> perform(HttpUpgradeContext context) {
            String unitCode = context.pathParam("unitCode");
            return context.securityIdentity().map(identity -> {
                if (identity.isAnonymous()) {
                    return CheckResult.permitUpgradeSync(); // the authentication check answers 401
                }
                int status = access.unit(identity, unitCode);
                return status == 200 ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(status);
            });
        }
    }
}
