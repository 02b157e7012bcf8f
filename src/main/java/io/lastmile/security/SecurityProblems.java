package io.lastmile.security;

import io.lastmile.platform.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * 401 and 403 as problem bodies that say what is missing. Authentication is lazy
 * (quarkus.http.auth.proactive=false), so a bad token surfaces here rather than as an empty 401.
 */
public class SecurityProblems {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("需要登录：请在 Authorization 头中携带 Bearer 令牌 (a bearer token is required)");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String detail = e.getMessage() != null && e.getMessage().contains("API")
                ? e.getMessage()
                : "令牌无效或已过期，请重新登录 (the token is invalid or expired; sign in again)";
        return unauthorized(detail);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.problem(403, "Forbidden", "您的角色无权执行此操作 (your role may not do this)", List.of());
    }

    /** 401 with the bearer challenge; sign-in answers its own refusals with it too. */
    static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMappers.problem(401, "Unauthorized", detail, List.of()))
                .header("WWW-Authenticate", "Bearer").build();
    }
}
