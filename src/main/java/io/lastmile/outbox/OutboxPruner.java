package io.lastmile.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes outbox rows published longer ago than {@code lastmile.outbox.keep-published}, a batch at a
 * time, so that the table holds a window of history instead of every event ever written.
 * <p>
 * Safe for delivery: a published row is never read again by the relay (it reads unpublished rows
 * only), consumers drop repeats by event id in their own tables, and screens resume from
 * {@code ticket-events} offsets, not from this table. Unpublished and set-aside rows are never pruned.
 */
@ApplicationScoped
public class OutboxPruner {

    private static final Logger LOG = Logger.getLogger(OutboxPruner.class);

    private final Pool database;
    private final Clock clock;
    private final Duration keepPublished;
    private final int batchSize;
    private final Counter pruned;

    public OutboxPruner(Pool database, Clock clock, OutboxConfig config, MeterRegistry metrics) {
        this.database = database;
        this.clock = clock;
        this.keepPublished = config.keepPublished();
        this.batchSize = config.pruneBatchSize();
        this.pruned = metrics.counter("lastmile.outbox.pruned");
    }

    @Scheduled(every = "${lastmile.outbox.prune-interval:1h}", delayed = "${lastmile.outbox.prune-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prunePeriodically() {
        return pruneNow().invoke(count -> {
            if (count > 0) {
                LOG.infof("Outbox: pruned %d rows published before %s", count, cutoff());
            }
        }).onFailure().invoke(failure -> LOG.warnf("Outbox pruning failed, retrying at the next run: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Prunes until no row is older than the window; answers how many rows went. */
    public Uni<Long> pruneNow() {
        return pruneBatch(cutoff()).chain(count -> count < batchSize
                ? Uni.createFrom().item((long) count)
                : pruneNow().map(more -> count + more));
    }

    private OffsetDateTime cutoff() {
        return OffsetDateTime.ofInstant(clock.instant().minus(keepPublished), ZoneOffset.UTC);
    }

    /** One short transaction per batch; SKIP LOCKED lets replicas prune side by side without waiting on each other. */
    private Uni<Integer> pruneBatch(OffsetDateTime cutoff) {
        return database.preparedQuery("""
                DELETE FROM outbox_event WHERE position IN (
                    SELECT position FROM outbox_event WHERE published_at < $1
                    ORDER BY published_at LIMIT $2 FOR UPDATE SKIP LOCKED)""")
                .execute(Tuple.of(cutoff, batchSize))
                .map(rows -> {
                    pruned.increment(rows.rowCount());
                    return rows.rowCount();
                });
    }
}
