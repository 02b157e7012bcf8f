package io.lastmile.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt hashing on a worker thread: one check costs tens of milliseconds on purpose, which an
 * event-loop thread must never spend.
 */
@ApplicationScoped
class Passwords {

    static final int MIN_LENGTH = 8;
    private static final int COST = 10;
    /** Compared against when the account does not exist, so that a wrong name takes as long as a wrong password. */
    private static final String NO_ACCOUNT_HASH = BcryptUtil.bcryptHash("no account has this password", COST);

    private final Vertx vertx;

    Passwords(Vertx vertx) {
        this.vertx = vertx;
    }

    Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, COST)));
    }

    Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash == null ? NO_ACCOUNT_HASH : hash)));
    }
}
