package io.lastmile.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * The {@code lastmile.limits.*} settings: how often one client address may call the endpoints that
 * answer without a token (signed-in staff are not limited), and how large a request body may be.
 */
@ConfigMapping(prefix = "lastmile.limits")
public interface OpenEndpointLimits {

    /** Requests a minute one client address may make to the open endpoints, together. */
    @WithDefault("60")
    int openRequestsPerMinute();

    /**
     * The open endpoints (path prefixes): the sign-in and its token calls today; the citizens' and
     * partners' endpoints join this list when they come.
     */
    @WithDefault("/api/v1/auth/login,/api/v1/auth/refresh,/api/v1/auth/logout")
    List<String> openPaths();

    /**
     * The largest request body, in bytes, of every endpoint but the admins' documents (a county's
     * boundaries can be megabytes; {@code quarkus.http.limits.max-body-size} bounds those). Intake
     * records have their own, smaller limit.
     */
    @WithDefault("262144")
    long maxBodyBytes();

    /** Where larger bodies are accepted, up to {@code quarkus.http.limits.max-body-size}: the admins' documents, and intake (its own limit). */
    @WithDefault("/api/v1/admin/,/api/v1/intake/")
    List<String> largeBodyPaths();
}
