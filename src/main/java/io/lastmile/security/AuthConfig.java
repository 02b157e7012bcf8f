package io.lastmile.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The {@code lastmile.auth.*} settings of sign-in and tokens. */
@ConfigMapping(prefix = "lastmile.auth")
public interface AuthConfig {

    /** Whether this service signs people in itself; off when an external OpenID Connect provider does. */
    @WithDefault("true")
    boolean localLogin();

    /** The PKCS#8 PEM private key the local tokens are signed with (its public key goes to quarkus.oidc.public-key). */
    Optional<String> signingKeyLocation();

    /** The {@code iss} of local tokens; quarkus.oidc.token.issuer must match it. */
    @WithDefault("lastmile")
    String issuer();

    /** How long an access token lives: short, since it cannot be revoked. */
    @WithDefault("15m")
    Duration tokenLifetime();

    /** How long a refresh token lives: one working shift. */
    @WithDefault("12h")
    Duration refreshLifetime();

    /** Wrong passwords in a row before the account locks. */
    @WithDefault("5")
    int lockAfterFailures();

    /** How long a locked account stays locked. */
    @WithDefault("15m")
    Duration lockDuration();

    /** Dev and test only: the demo accounts (password demo) and the demo source key. Never in production. */
    @WithDefault("false")
    boolean demoAccounts();

    /** The token claim that carries the caller's unit code (an external provider may name it otherwise). */
    @WithDefault("unit")
    String unitClaim();

    /** Production's first start: creates the account admin with this password when no account exists yet. */
    Optional<String> bootstrapAdminPassword();
}
