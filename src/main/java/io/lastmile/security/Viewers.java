package io.lastmile.security;

import io.lastmile.routing.RoutingService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;

/**
 * Turns the authenticated identity into a {@link Viewer}. Local tokens and tokens of an external
 * OpenID Connect provider are read the same way: the role from {@code groups}, the unit from the
 * claim named by {@code lastmile.auth.unit-claim}. The scope is computed from the organization as
 * it is now, so a unit's new village station is in reach without new tokens.
 */
@ApplicationScoped
public class Viewers {

    /** The identity attribute a source system's unit-less identity carries its name in. */
    static final String SYSTEM_ATTRIBUTE = "lastmile.source-system";

    private final SecurityIdentity identity;
    private final RoutingService routing;
    private final String unitClaim;

    public Viewers(SecurityIdentity identity, RoutingService routing, AuthConfig config) {
        this.identity = identity;
        this.routing = routing;
        this.unitClaim = config.unitClaim();
    }

    /** The caller of the current request or WebSocket callback; only called behind a role check. */
    public Viewer current() {
        return of(identity);
    }

    /**
     * What a unit's own screen shows: the tickets its officials read (the unit and the units below
     * it, its area), or empty when there is no such unit.
     */
    public java.util.Optional<io.lastmile.ticket.TicketScope> unitScope(String unitCode) {
        var organization = routing.snapshot().organization();
        return organization.unit(unitCode).map(unit -> Jurisdictions.scopeOf(Role.OFFICIAL, unitCode, organization));
    }

    public Viewer of(SecurityIdentity who) {
        if (who.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException("需要登录 (sign in first)");
        }
        // A local account holds one role; a token from an external provider with several acts as the first in Role's order.
        Role role = Arrays.stream(Role.values()).filter(r -> who.hasRole(r.claim())).findFirst()
                .orElseThrow(() -> new io.quarkus.security.ForbiddenException("账号没有角色 (the account has no role)"));
        String unit = null;
        String displayName = who.getPrincipal().getName();
        if (who.getPrincipal() instanceof JsonWebToken token) {
            unit = token.getClaim(unitClaim);
            String name = token.getClaim("name");
            displayName = name == null ? displayName : name;
        }
        return new Viewer(who.getPrincipal().getName(), displayName, role, unit,
                Jurisdictions.scopeOf(role, unit, routing.snapshot().organization()));
    }
}
