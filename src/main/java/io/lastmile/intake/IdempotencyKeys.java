package io.lastmile.intake;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The operators' Idempotency-Keys in PostgreSQL, so that every replica and a restarted service
 * know them: a key belongs to the account that sent it and is remembered for {@link #REMEMBERED}.
 * Each first use of a key gets a source id of its own, so the same key from another account, or
 * after a day, can never answer someone else's ticket.
 */
@ApplicationScoped
public class IdempotencyKeys {

    static final Duration REMEMBERED = Duration.ofHours(24);

    /**
     * What a key stands for now.
     *
     * @param sourceId     the ticket's source id for this request (the first request's, for a repeat)
     * @param otherRequest the account used this key within the day for a different request
     */
    public record Claim(String sourceId, boolean otherRequest) {
    }

    private final Pool database;
    private final Clock clock;

    public IdempotencyKeys(Pool database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Takes the key for this account and request, or finds what it already stands for. One atomic
     * statement decides between two clicks arriving at once; an expired key is taken over.
     */
    public Uni<Claim> claim(String username, String key, String requestSha256) {
        Instant now = clock.instant();
        String fresh = "console-" + UUID.randomUUID();
        return database.preparedQuery("""
                        INSERT INTO console_idempotency_key AS k
                               (username, idempotency_key, request_sha256, source_id, first_used_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (username, idempotency_key) DO UPDATE
                            SET request_sha256 = EXCLUDED.request_sha256, source_id = EXCLUDED.source_id,
                                first_used_at = EXCLUDED.first_used_at, expires_at = EXCLUDED.expires_at
                            WHERE k.expires_at <= EXCLUDED.first_used_at
                        RETURNING source_id""")
                .execute(Tuple.of(username, key, requestSha256, fresh, now.atOffset(ZoneOffset.UTC),
                        now.plus(REMEMBERED).atOffset(ZoneOffset.UTC)))
                .chain(taken -> taken.size() == 1
                        ? Uni.createFrom().item(new Claim(fresh, false))
                        : database.preparedQuery("""
                                        SELECT request_sha256, source_id FROM console_idempotency_key
                                        WHERE username = $1 AND idempotency_key = $2""")
                                .execute(Tuple.of(username, key))
                                .chain(rows -> {
                                    if (rows.size() == 0) {
                                        // Expired and forgotten between the two statements: take it afresh.
                                        return claim(username, key, requestSha256);
                                    }
                                    Row first = rows.iterator().next();
                                    return Uni.createFrom().item(first.getString("request_sha256").equals(requestSha256)
                                            ? new Claim(first.getString("source_id"), false)
                                            : new Claim(null, true));
                                }));
    }

    /** Keys older than a day mean nothing any more; any replica may forget them, the delete is idempotent. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return database.preparedQuery("DELETE FROM console_idempotency_key WHERE expires_at < $1")
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
