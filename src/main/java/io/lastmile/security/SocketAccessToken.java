package io.lastmile.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browsers cannot set headers on a WebSocket handshake, so a socket may carry its bearer token in
 * the {@code access_token} query parameter instead. This route copies it into the
 * {@code Authorization} header before authentication runs, so sockets and REST take one path.
 * Only on the live sockets: a token in a URL ends up in logs, which REST clients have no reason to risk.
 */
@ApplicationScoped
public class SocketAccessToken {

    static final String PARAMETER = "access_token";
    static final String SOCKETS = "/api/v1/live/*";

    void copyQueryTokenToHeader(@Observes Router router) {
        router.route(SOCKETS).order(Integer.MIN_VALUE).handler(context -> {
            String token = context.request().getParam(PARAMETER);
            if (token != null && !token.isBlank() && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip());
            }
            context.next();
        });
    }
}
