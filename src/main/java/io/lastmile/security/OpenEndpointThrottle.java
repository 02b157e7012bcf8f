package io.lastmile.security;

import io.lastmile.platform.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Limits each client address on the endpoints that answer without a token (the sign-in today):
 * {@code 429} with a problem body and {@code Retry-After} beyond {@code lastmile.limits.open-requests-per-minute}.
 * With the account lock after wrong passwords (per account), this is the sign-in's throttle per
 * address. The address is the connection's, or the forwarded one where the proxy is trusted
 * ({@code quarkus.http.proxy.*}).
 */
public class OpenEndpointThrottle {

    /** The limits and the addresses' allowances, a bean of its own: the filters are made before config mappings reach them. */
    @Singleton
    static class Allowances {
        private final OpenEndpointLimits limits;
        private final ClientRateLimiter limiter;

        Allowances(OpenEndpointLimits limits, Clock clock) {
            this.limits = limits;
            this.limiter = new ClientRateLimiter(limits.openRequestsPerMinute(), clock);
        }

        OpenEndpointLimits limits() {
            return limits;
        }

        ClientRateLimiter limiter() {
            return limiter;
        }
    }

    private final Allowances allowances;

    public OpenEndpointThrottle(Allowances allowances) {
        this.allowances = allowances;
    }

    /** A declared body larger than the endpoint takes: {@code 413} with a problem body, before anything reads it. */
    @ServerRequestFilter(preMatching = true, priority = 10)
    public Optional<Response> bodySize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        OpenEndpointLimits limits = allowances.limits();
        if (request.getLength() <= limits.maxBodyBytes() || limits.largeBodyPaths().stream().anyMatch(path::startsWith)) {
            return Optional.empty();
        }
        return Optional.of(ProblemMappers.problem(413, "Request too large", "请求内容超过 " + limits.maxBodyBytes() / 1024
                + " KiB (the body is " + request.getLength() + " bytes; this endpoint takes at most " + limits.maxBodyBytes()
                + ")", List.of()));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest connection) {
        String path = request.getUriInfo().getPath();
        if (allowances.limits().openPaths().stream().noneMatch(path::startsWith)) {
            return Optional.empty();
        }
        String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        return allowances.limiter().take(address).map(OpenEndpointThrottle::tooMany);
    }

    private static Response tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.fromResponse(ProblemMappers.problem(429, "Too many requests",
                        "请求过于频繁，请 " + seconds + " 秒后再试 (too many requests from this address: try again in " + seconds + " s)",
                        List.of()))
                .header("Retry-After", seconds).build();
    }
}
