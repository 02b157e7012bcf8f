package io.lastmile.security;

import io.lastmile.platform.Roles;
import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.Sha256;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in for the people of the county: a short-lived bearer token and a refresh token beside it.
 * Wrong names and wrong passwords get the same answer in the same time; five wrong passwords in a
 * row lock the account for a while, and a name without an account just the same, so that no answer
 * tells which accounts exist.
 */
@Path("/api/v1/auth")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Credentials(String username, String password) {
    }

    public record Refresh(String refreshToken) {
    }

    /** What a client keeps: the bearer token, when it ends, and how to get the next one. */
    public record Tokens(String token, String refreshToken, long expiresIn, String tokenType, String username,
            String displayName, String role, String unitCode) {
    }

    public record Me(String username, String displayName, String role, String roleLabel, String unitCode,
            boolean countyWide, List<String> unitsInReach, String areaCode) {
    }

    private static final String WRONG = "用户名或密码错误 (wrong username or password)";

    private final Accounts accounts;
    private final Passwords passwords;
    private final TokenIssuer issuer;
    private final AuthConfig config;
    private final Viewers viewers;
    private final Clock clock;

    public AuthResource(Accounts accounts, Passwords passwords, TokenIssuer issuer, AuthConfig config, Viewers viewers,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.issuer = issuer;
        this.config = config;
        this.viewers = viewers;
        this.clock = clock;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with username and password: a bearer token (JWT) and a refresh token")
    public Uni<Response> login(Credentials credentials) {
        if (!config.localLogin()) {
            return Uni.createFrom().item(localLoginOff());
        }
        if (credentials == null || blank(credentials.username())) {
            return required("username");
        }
        if (blank(credentials.password())) {
            return required("password");
        }
        String username = credentials.username().strip();
        // Names without an account are counted under their hash, so that they lock exactly as accounts do.
        String nameSha256 = Sha256.hex(username);
        Instant now = now();
        // Every name costs the same statements and one bcrypt check, whether its account exists or not.
        return accounts.find(username).chain(found -> accounts.unknownNameLockedUntil(nameSha256).chain(unknownLock -> passwords
                .matches(credentials.password(), found.map(Account::passwordHash).orElse(null))
                .chain(matches -> {
                    Instant lockedUntil = found.map(Account::lockedUntil).orElse(unknownLock);
                    if (lockedUntil != null && lockedUntil.isAfter(now)) {
                        long seconds = Math.max(1, now.until(lockedUntil, ChronoUnit.SECONDS));
                        return Uni.createFrom().item(Response.fromResponse(ProblemMappers.problem(429, "Account locked",
                                "连续输错密码，账号已暂时锁定 (too many wrong passwords; try again in " + seconds + " s)", List.of()))
                                .header("Retry-After", seconds).build());
                    }
                    if (found.isEmpty()) {
                        return accounts.recordUnknownNameFailure(nameSha256, config.lockAfterFailures(), config.lockDuration(), now)
                                .replaceWith(SecurityProblems.unauthorized(WRONG));
                    }
                    Account account = found.get();
                    if (!matches) {
                        return accounts.recordFailedLogin(username, config.lockAfterFailures(), config.lockDuration(), now)
                                .replaceWith(SecurityProblems.unauthorized(WRONG));
                    }
                    if (!account.enabled()) {
                        return Uni.createFrom().item(SecurityProblems.unauthorized("账号已停用 (the account is disabled)"));
                    }
                    return accounts.recordSuccessfulLogin(username).chain(() -> tokensFor(account, now))
                            .map(tokens -> Response.ok(tokens).build());
                })));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "A new bearer token for a refresh token; each refresh token works once")
    public Uni<Response> refresh(Refresh refresh) {
        if (!config.localLogin()) {
            return Uni.createFrom().item(localLoginOff());
        }
        if (refresh == null || blank(refresh.refreshToken())) {
            return required("refreshToken");
        }
        Instant now = now();
        return accounts.useRefreshToken(Secrets.fingerprint(refresh.refreshToken().strip()), now)
                .chain(username -> username.isEmpty()
                        ? Uni.createFrom().item(Optional.<Account>empty())
                        : accounts.find(username.get()))
                .chain(account -> account.filter(Account::enabled).isEmpty()
                        ? Uni.createFrom().item(SecurityProblems.unauthorized("刷新令牌无效、已用过或已过期，请重新登录 (the refresh token is unknown, used or expired; sign in again)"))
                        : tokensFor(account.get(), now).map(tokens -> Response.ok(tokens).build()));
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "Ends a session: its refresh token stops working (the bearer token ends with its lifetime)")
    public Uni<Response> logout(Refresh refresh) {
        if (refresh == null || blank(refresh.refreshToken())) {
            return required("refreshToken");
        }
        return accounts.revokeRefreshToken(Secrets.fingerprint(refresh.refreshToken().strip()))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Who the token belongs to: role, unit, and the units and area within reach")
    public Me me() {
        Viewer viewer = viewers.current();
        return new Me(viewer.username(), viewer.displayName(), viewer.role().claim(), viewer.role().label(),
                viewer.unitCode(), viewer.scope().everything(), viewer.scope().unitCodes().stream().sorted().toList(),
                viewer.scope().areaCode());
    }

    private Uni<Tokens> tokensFor(Account account, Instant now) {
        String token = issuer.issue(account, now);
        String refreshToken = Secrets.random(32);
        return accounts.storeRefreshToken(Secrets.fingerprint(refreshToken), account.username(), now, now.plus(config.refreshLifetime()))
                .replaceWith(new Tokens(token, refreshToken, config.tokenLifetime().toSeconds(), "Bearer",
                        account.username(), account.displayName(), account.role().claim(), account.unitCode()));
    }

    private static Uni<Response> required(String field) {
        return Uni.createFrom().item(ProblemMappers.fieldProblem(400, "Invalid request", field, "不能为空 (required)"));
    }

    private static Response localLoginOff() {
        return ProblemMappers.problem(404, "Local sign-in is off",
                "本系统使用统一身份认证 (sign in at the organization's OpenID Connect provider)", List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
