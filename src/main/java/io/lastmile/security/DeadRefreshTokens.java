package io.lastmile.security;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the refresh-token table to live sessions, and forgets wrong passwords after a quiet day;
 * any replica may do it, the statements are idempotent.
 */
@ApplicationScoped
public class DeadRefreshTokens {

    private static final Logger LOG = Logger.getLogger(DeadRefreshTokens.class);

    private final Accounts accounts;
    private final Clock clock;

    public DeadRefreshTokens(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Scheduled(every = "${lastmile.auth.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forget() {
        return accounts.forgetDeadRefreshTokens(clock.instant())
                .invoke(count -> {
                    if (count > 0) {
                        LOG.debugf("Forgot %d dead refresh tokens", count);
                    }
                })
                .replaceWithVoid();
    }

    /** After this long without another wrong password, a name's count starts again (accounts and unknown names alike). */
    static final Duration FAILURES_REMEMBERED = Duration.ofDays(1);

    @Scheduled(every = "${lastmile.auth.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetQuietFailures() {
        return accounts.forgetQuietFailures(clock.instant().minus(FAILURES_REMEMBERED));
    }
}
