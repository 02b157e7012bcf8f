package io.lastmile.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** What a source system's key allows: delivering to some channels, or to all. */
@ApplicationScoped
public class SourceSystems {

    static final String KEY_ATTRIBUTE = "lastmile.api-key";

    private final SecurityIdentity identity;

    public SourceSystems(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** 403 unless the calling key may deliver to this channel. */
    public void requireChannel(String channel) {
        ApiKeys.ApiKey key = identity.getAttribute(KEY_ATTRIBUTE);
        if (key == null || !key.allows(channel)) {
            throw new jakarta.ws.rs.ForbiddenException("此 API 密钥不能提交 " + channel + " 渠道的记录 (this API key may not deliver to channel "
                    + channel + ")");
        }
    }
}
