package io.lastmile.live;

import io.lastmile.platform.Roles;
import io.lastmile.security.Viewers;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Who may open which feed, in one place: the sockets' handshake checks use it, and so does
 * {@link FeedAccessResource}, which a page asks after its socket was refused (a browser is never told
 * the handshake's status) so that it can say why in words.
 */
@ApplicationScoped
public class FeedAccess {

    /** The command center's staff: the whole county's feed, and any unit's. */
    static final Set<String> COUNTY_STAFF = Set.of(Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN);

    private final Viewers viewers;

    public FeedAccess(Viewers viewers) {
        this.viewers = viewers;
    }

    /** The handshake's answer for a signed-in caller: 200, 403 (not theirs) or 404 (no such unit). */
    public int commandCenter(SecurityIdentity identity) {
        return isCountyStaff(identity) ? 200 : 403;
    }

    /** The handshake's answer for one unit's feed: its officials and the county staff; an unknown unit is 404 for staff. */
    public int unit(SecurityIdentity identity, String unitCode) {
        boolean known = viewers.unitScope(unitCode).isPresent();
        if (identity.hasRole(Roles.OFFICIAL)) {
            return known && viewers.of(identity).scope().coversUnit(unitCode) ? 200 : 403;
        }
        if (!isCountyStaff(identity)) {
            return 403;
        }
        return known ? 200 : 404;
    }

    /** The answer for a feed's path as the page opens it ({@code /api/v1/live/command-center} or {@code …/units/X}). */
    public Optional<Integer> forPath(SecurityIdentity identity, String path) {
        if ("/api/v1/live/command-center".equals(path)) {
            return Optional.of(commandCenter(identity));
        }
        String units = "/api/v1/live/units/";
        if (path.startsWith(units) && path.length() > units.length() && path.indexOf('/', units.length()) < 0) {
            return Optional.of(unit(identity, java.net.URLDecoder.decode(path.substring(units.length()),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static boolean isCountyStaff(SecurityIdentity identity) {
        return COUNTY_STAFF.stream().anyMatch(identity::hasRole);
    }
}
