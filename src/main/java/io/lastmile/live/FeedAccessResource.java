package io.lastmile.live;

import io.lastmile.platform.InvalidField;
import io.lastmile.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Whether the caller may open a feed, and if not why: a browser whose WebSocket handshake was refused
 * sees only a closed socket, so the page asks here and tells its user in words (another unit's feed,
 * an unknown unit) instead of reconnecting forever.
 */
@Path("/api/v1/live/access")
@Tag(name = "live")
@Produces(MediaType.APPLICATION_JSON)
public class FeedAccessResource {

    private final FeedAccess access;
    private final SecurityIdentity identity;

    public FeedAccessResource(FeedAccess access, SecurityIdentity identity) {
        this.access = access;
        this.identity = identity;
    }

    /** @param status what the handshake answers this caller: 200, 403 or 404 */
    public record Answer(String feed, int status) {
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN, Roles.OFFICIAL})
    @Operation(summary = "What the handshake of a feed answers the caller (feed=/api/v1/live/command-center or /api/v1/live/units/{unitCode})")
    public Answer access(@QueryParam("feed") String feed) {
        if (feed == null || feed.isBlank()) {
            throw new InvalidField(400, "feed", "feed is required: /api/v1/live/command-center or /api/v1/live/units/{unitCode}");
        }
        return access.forPath(identity, feed).map(status -> new Answer(feed, status))
                .orElseThrow(() -> new InvalidField(400, "feed", "no such feed: " + feed
                        + " (expected /api/v1/live/command-center or /api/v1/live/units/{unitCode})"));
    }
}
