package io.lastmile.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;

/**
 * Signs the access tokens of the local sign-in (RS256). The same service verifies them through
 * quarkus-oidc with the matching public key, so local and external tokens take one path.
 */
@ApplicationScoped
class TokenIssuer {

    private final AuthConfig config;
    private volatile PrivateKey signingKey;

    TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    String issue(Account account, Instant now) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .subject(account.username())
                .upn(account.username())
                .groups(account.role().claim())
                .claim("name", account.displayName())
                .issuedAt(now)
                .expiresAt(now.plus(config.tokenLifetime()));
        if (account.unitCode() != null) {
            claims.claim("unit", account.unitCode());
        }
        return claims.sign(signingKey());
    }

    private PrivateKey signingKey() {
        PrivateKey key = signingKey;
        if (key == null) {
            String location = config.signingKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "lastmile.auth.signing-key-location is not set: local sign-in needs a signing key "
                            + "(or set lastmile.auth.local-login=false and use an OpenID Connect provider)"));
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the signing key " + location, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the signing key " + location + " is not a PKCS#8 RSA key", e);
            }
            signingKey = key;
        }
        return key;
    }
}
