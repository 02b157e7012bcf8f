package io.lastmile.security;

import io.lastmile.platform.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Source systems authenticate with their key in {@code X-Api-Key}. The identity they get has the
 * role {@code source} and carries the channels the key may deliver to.
 */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    static final String HEADER = "X-Api-Key";

    /** The request the mechanism hands to the provider below. */
    static final class ApiKeyRequest extends BaseAuthenticationRequest {

        final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.strip()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** Checks the key against PostgreSQL on every request, so revocation is immediate. */
    @ApplicationScoped
    public static class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

        private final ApiKeys keys;

        public ApiKeyIdentityProvider(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        public Class<ApiKeyRequest> getRequestType() {
            return ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
            return keys.findActive(request.key).map(found -> {
                ApiKeys.ApiKey key = found.orElseThrow(() -> new AuthenticationFailedException(
                        "API 密钥无效或已吊销 (unknown or revoked API key)"));
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("source:" + key.system()))
                        .addRole(Roles.SOURCE)
                        .addAttribute(SourceSystems.KEY_ATTRIBUTE, key)
                        .build();
            });
        }
    }
}
