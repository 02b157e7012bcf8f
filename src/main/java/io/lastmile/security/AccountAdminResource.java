package io.lastmile.security;

import io.lastmile.platform.Roles;
import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.StorableText;
import io.lastmile.routing.RoutingService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an admin manages: the accounts people sign in with, and the keys source systems deliver
 * with. A disabled account or a new password ends every refresh token of the account at once;
 * a bearer token already issued ends with its short lifetime.
 */
@Path("/api/v1/admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccountAdminResource {

    public record AccountView(String username, String displayName, String role, String roleLabel, String unitCode,
            boolean enabled, boolean locked) {
    }

    public record NewAccount(String username, String displayName, String role, String unitCode, String password) {
    }

    public record AccountChange(String displayName, String role, String unitCode, Boolean enabled) {
    }

    public record NewPassword(String password) {
    }

    public record NewApiKey(String system, List<String> channels) {
    }

    /** The key itself is answered once, at creation; afterwards only its prefix is shown. */
    public record CreatedApiKey(UUID id, String system, List<String> channels, String key) {
    }

    /** user_account.display_name */
    private static final int DISPLAY_NAME_LENGTH = 100;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern SYSTEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Passwords passwords;
    private final RoutingService routing;
    private final Viewers viewers;
    private final Clock clock;

    public AccountAdminResource(Accounts accounts, ApiKeys keys, Passwords passwords, RoutingService routing,
            Viewers viewers, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.passwords = passwords;
        this.routing = routing;
        this.viewers = viewers;
        this.clock = clock;
    }

    @GET
    @Path("/users")
    @Operation(summary = "Every account with its role and unit (never a password)")
    public Uni<List<AccountView>> users() {
        Instant now = clock.instant();
        return accounts.all().map(all -> all.stream().map(a -> view(a, now)).toList());
    }

    @POST
    @Path("/users")
    @Operation(summary = "A new account: username, displayName, role, unitCode (required for officials), password")
    public Uni<Response> createUser(NewAccount account) {
        if (account == null || account.username() == null || !USERNAME.matcher(account.username()).matches()) {
            return field("username", "须为 2–64 个小写字母、数字或 ._- (2–64 lower-case letters, digits or ._-)");
        }
        if (account.displayName() == null || account.displayName().isBlank()) {
            return field("displayName", "不能为空 (required)");
        }
        Optional<String> longName = StorableText.refusal(account.displayName().strip(), DISPLAY_NAME_LENGTH);
        if (longName.isPresent()) {
            return field("displayName", longName.get());
        }
        Role role = staffRole(account.role());
        if (role == null) {
            return field("role", "须为 operator, dispatcher, official, supervisor 或 admin");
        }
        Response unitProblem = unitProblem(role, account.unitCode());
        if (unitProblem != null) {
            return Uni.createFrom().item(unitProblem);
        }
        if (account.password() == null || account.password().length() < Passwords.MIN_LENGTH) {
            return field("password", "至少 " + Passwords.MIN_LENGTH + " 个字符 (at least " + Passwords.MIN_LENGTH + " characters)");
        }
        return passwords.hash(account.password())
                .chain(hash -> accounts.create(new Account(account.username(), account.displayName().strip(), role,
                        blankToNull(account.unitCode()), hash, true, 0, null), clock.instant()))
                .chain(created -> created
                        ? accounts.find(account.username()).map(a -> Response.status(201).entity(view(a.orElseThrow(), clock.instant())).build())
                        : Uni.createFrom().item(ProblemMappers.fieldProblem(409, "Conflict", "username", "已存在 (taken)")));
    }

    @PUT
    @Path("/users/{username}")
    @Operation(summary = "Changes an account's display name, role, unit or whether it may sign in")
    public Uni<Response> changeUser(@PathParam("username") String username, AccountChange change) {
        if (change == null) {
            return field("body", "不能为空 (required)");
        }
        return accounts.find(username).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(noAccount(username));
            }
            Account current = found.get();
            Role role = change.role() == null ? current.role() : staffRole(change.role());
            if (role == null) {
                return field("role", "须为 operator, dispatcher, official, supervisor 或 admin");
            }
            String unit = change.unitCode() == null ? current.unitCode() : blankToNull(change.unitCode());
            Response unitProblem = unitProblem(role, unit);
            if (unitProblem != null) {
                return Uni.createFrom().item(unitProblem);
            }
            boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
            if (!enabled && username.equals(viewers.current().username())) {
                return field("enabled", "不能停用自己的账号 (you cannot disable your own account)");
            }
            String name = change.displayName() == null || change.displayName().isBlank() ? current.displayName() : change.displayName().strip();
            Optional<String> longName = StorableText.refusal(name, DISPLAY_NAME_LENGTH);
            if (longName.isPresent()) {
                return field("displayName", longName.get());
            }
            return accounts.update(username, name, role, unit, enabled)
                    .chain(() -> enabled ? Uni.createFrom().voidItem() : accounts.revokeRefreshTokensOf(username))
                    .chain(() -> accounts.find(username))
                    .map(a -> Response.ok(view(a.orElseThrow(), clock.instant())).build());
        });
    }

    @PUT
    @Path("/users/{username}/password")
    @Operation(summary = "Sets a new password; the account's refresh tokens stop working")
    public Uni<Response> setPassword(@PathParam("username") String username, NewPassword password) {
        if (password == null || password.password() == null || password.password().length() < Passwords.MIN_LENGTH) {
            return field("password", "至少 " + Passwords.MIN_LENGTH + " 个字符 (at least " + Passwords.MIN_LENGTH + " characters)");
        }
        return passwords.hash(password.password())
                .chain(hash -> accounts.changePassword(username, hash, clock.instant()))
                .chain(changed -> changed
                        ? accounts.revokeRefreshTokensOf(username).replaceWith(Response.noContent().build())
                        : Uni.createFrom().item(noAccount(username)));
    }

    @GET
    @Path("/api-keys")
    @Operation(summary = "The source systems' keys: system, channels, prefix, revoked or not (never the key)")
    public Uni<List<ApiKeys.ApiKey>> apiKeys() {
        return keys.all();
    }

    @POST
    @Path("/api-keys")
    @Operation(summary = "A new key for a source system and its channels (or *); the key is shown in this answer only")
    public Uni<Response> createApiKey(NewApiKey request) {
        if (request == null || request.system() == null || !SYSTEM.matcher(request.system()).matches()) {
            return field("system", "须为 2–64 个字母、数字或 ._- (2–64 letters, digits or ._-)");
        }
        if (request.channels() == null || request.channels().isEmpty()) {
            return field("channels", "至少一个渠道，或 * 表示全部 (at least one channel, or * for all)");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String channel : request.channels()) {
            String code = channel == null ? "" : channel.strip();
            if (!code.equals(ApiKeys.ALL_CHANNELS) && io.lastmile.ticket.Channel.byCode(code).isEmpty()) {
                return field("channels", "未知渠道 '" + code + "' (unknown channel)");
            }
            channels.add(code);
        }
        String key = "lmk_" + Secrets.random(24);
        UUID id = UUID.randomUUID();
        return keys.add(id, request.system(), key, channels, viewers.current().username(), clock.instant())
                .map(added -> Response.status(201).entity(new CreatedApiKey(id, request.system(), List.copyOf(channels), key)).build());
    }

    @DELETE
    @Path("/api-keys/{id}")
    @Operation(summary = "Revokes a key at once, on every replica")
    public Uni<Response> revokeApiKey(@PathParam("id") UUID id) {
        return keys.revoke(id, clock.instant()).map(revoked -> revoked
                ? Response.noContent().build()
                : ProblemMappers.problem(404, "Not Found", "没有这个有效的密钥 (no active key " + id + ")", List.of()));
    }

    private Response unitProblem(Role role, String unitCode) {
        if (unitCode == null || unitCode.isBlank()) {
            return role == Role.OFFICIAL
                    ? ProblemMappers.fieldProblem(422, "Invalid account", "unitCode", "单位办理人员须属于一个单位 (an official needs a unit)")
                    : null;
        }
        return routing.snapshot().organization().unit(unitCode.strip()).isPresent() ? null
                : ProblemMappers.fieldProblem(422, "Invalid account", "unitCode", "没有这个单位 (no unit " + unitCode + ")");
    }

    private static Role staffRole(String claim) {
        return Role.ofClaim(claim).filter(r -> r != Role.SOURCE).orElse(null);
    }

    private static AccountView view(Account a, Instant now) {
        return new AccountView(a.username(), a.displayName(), a.role().claim(), a.role().label(), a.unitCode(), a.enabled(),
                a.lockedAt(now));
    }

    private static Response noAccount(String username) {
        return ProblemMappers.problem(404, "Not Found", "没有账号 " + username + " (no account " + username + ")", List.of());
    }

    private static Uni<Response> field(String field, String message) {
        return Uni.createFrom().item(ProblemMappers.fieldProblem(422, "Invalid request", field, message));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
