package io.lastmile.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.ClasspathText;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The accounts a service starts with. In dev and test ({@code lastmile.auth.demo-accounts=true})
 * every account of the shipped demo organization can sign in with the password {@code demo}, and
 * the source key {@code demo-intake-key} delivers to every channel. In production nothing is
 * created, except the account {@code admin} with the password an operator set in
 * {@code lastmile.auth.bootstrap-admin-password}, and only while no account exists at all.
 */
@ApplicationScoped
public class AccountSeeds {

    static final String DEMO_PASSWORD = "demo";
    static final String DEMO_INTAKE_KEY = "demo-intake-key";
    /** The county roles among the demo accounts; every other account of the demo organization is an official of its unit. */
    private static final Map<String, Role> DEMO_COUNTY_ROLES = Map.of("admin", Role.ADMIN, "supervisor", Role.SUPERVISOR,
            "dispatcher", Role.DISPATCHER, "operator", Role.OPERATOR);
    private static final Logger LOG = Logger.getLogger(AccountSeeds.class);

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Passwords passwords;
    private final AuthConfig config;
    private final Clock clock;

    public AccountSeeds(Accounts accounts, ApiKeys keys, Passwords passwords, AuthConfig config, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.passwords = passwords;
        this.config = config;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent started) {
        Uni<Void> seeding = Uni.createFrom().voidItem();
        if (config.demoAccounts()) {
            seeding = seeding.chain(this::demoAccounts);
        }
        if (config.bootstrapAdminPassword().isPresent()) {
            seeding = seeding.chain(() -> firstAdmin(config.bootstrapAdminPassword().get()));
        }
        seeding.await().atMost(Duration.ofMinutes(1));
    }

    private Uni<Void> demoAccounts() {
        Instant now = clock.instant();
        JsonNode organization;
        try {
            organization = new ObjectMapper().readTree(ClasspathText.read("routing/organization.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the shipped organization is not JSON", e);
        }
        return passwords.hash(DEMO_PASSWORD).chain(hash -> Multi.createFrom().iterable(organization.path("users"))
                .onItem().transformToUniAndConcatenate(user -> {
                    String username = user.path("username").asText();
                    Role role = DEMO_COUNTY_ROLES.getOrDefault(username, Role.OFFICIAL);
                    return accounts.create(new Account(username, user.path("displayName").asText(), role,
                            user.path("unit").asText(null), hash, true, 0, null), now);
                })
                .collect().with(java.util.stream.Collectors.counting()))
                .chain(() -> keys.add(UUID.nameUUIDFromBytes(DEMO_INTAKE_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "demo", DEMO_INTAKE_KEY, Set.of(ApiKeys.ALL_CHANNELS), "demo", now))
                .invoke(() -> LOG.info("Demo accounts are on (password demo) and the source key demo-intake-key works: never in production"))
                .replaceWithVoid();
    }

    private Uni<Void> firstAdmin(String password) {
        if (password.length() < Passwords.MIN_LENGTH) {
            throw new IllegalStateException("lastmile.auth.bootstrap-admin-password needs at least " + Passwords.MIN_LENGTH + " characters");
        }
        return accounts.count().chain(count -> count > 0
                ? Uni.createFrom().voidItem()
                : passwords.hash(password).chain(hash -> accounts.create(new Account("admin", "系统管理员", Role.ADMIN, null,
                        hash, true, 0, null), clock.instant()))
                        .invoke(() -> LOG.info("Created the first account, admin, from lastmile.auth.bootstrap-admin-password"))
                        .replaceWithVoid());
    }
}
