package io.lastmile.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.lastmile.ticket.TicketQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the search index from PostgreSQL, the source of truth, without an outage: reads the
 * tickets by keyset pages (id order), writes them with several {@code _bulk} requests in flight into
 * a new index of the current mapping (refreshes off), switches the alias atomically, then writes
 * again every ticket with a step since the job started (external versions make that safe: the
 * newest state wins whichever writer comes last). Meanwhile the indexer goes on writing through the
 * alias. One job at a time across replicas (a partial unique index on the job table); its row holds
 * the progress any replica answers. A service whose alias still points to an older mapping version
 * starts a job by itself.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** A job whose replica stopped beating for this long is abandoned; a new one may start. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final Pool database;
    private final TicketQueries tickets;
    private final TicketSearchIndex index;
    private final TicketDocuments documents;
    private final SearchBulk bulk;
    private final Counter completed;
    /** Reindex progress for the dashboards: documents copied, whose rate is the rebuild's speed. */
    private final Counter copied;
    private final int pageSize;
    private final int parallelRequests;

    public Reindexer(Pool database, TicketQueries tickets, TicketSearchIndex index, TicketDocuments documents, SearchBulk bulk,
            MeterRegistry metrics, SearchConfig config) {
        this.database = database;
        this.tickets = tickets;
        this.index = index;
        this.documents = documents;
        this.bulk = bulk;
        this.completed = metrics.counter("lastmile.search.reindex.completed");
        this.copied = Counter.builder("lastmile.search.reindex.documents")
                .description("Tickets copied into a new index by a full reindex").register(metrics);
        this.pageSize = config.reindex().pageSize();
        this.parallelRequests = config.reindex().parallelRequests();
    }

    /** Thrown when a job runs already; the resource answers 409 with it. */
    public static final class AlreadyRunning extends RuntimeException {
        public final transient ReindexJob running;

        AlreadyRunning(ReindexJob running) {
            super("a reindex runs already: " + running.id());
            this.running = running;
        }
    }

    /** Moves an alias on an older mapping version as soon as the service runs. */
    void onStart(@Observes StartupEvent start) {
        index.ensureExists()
                .chain(() -> index.outdated() ? start("startup: the alias points to an older mapping version").replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .subscribe().with(ok -> { }, failure -> LOG.infof(
                        "No reindex at start-up (%s); the reconciliation looks again later", failure.toString()));
    }

    /** Starts a job and answers it at once; the copy runs in the background. */
    public Uni<ReindexJob> start(String requestedBy) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        String target = TicketSearchIndex.CURRENT + "-" + SUFFIX.format(now) + "-" + id.toString().substring(0, 4);
        return database.preparedQuery("""
                        UPDATE search_reindex_job SET finished_at = now(), phase = 'FAILED', error = 'abandoned: its replica stopped'
                        WHERE finished_at IS NULL AND heartbeat_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) ABANDONED_AFTER.toSeconds()))
                .chain(tickets::count)
                .chain(total -> database.preparedQuery("""
                                INSERT INTO search_reindex_job (id, target_index, phase, total, started_at, heartbeat_at, requested_by)
                                VALUES ($1, $2, 'COPYING', $3, now(), now(), $4)
                                ON CONFLICT DO NOTHING RETURNING\s""" + ReindexJob.COLUMNS)
                        .execute(Tuple.of(id, target, total, requestedBy)))
                .chain(inserted -> {
                    if (inserted.size() == 0) {
                        return latest().map(running -> {
                            throw new AlreadyRunning(running.orElseThrow());
                        });
                    }
                    ReindexJob job = ReindexJob.of(inserted.iterator().next());
                    run(job);
                    return Uni.createFrom().item(job);
                });
    }

    public Uni<Optional<ReindexJob>> find(UUID id) {
        return database.preparedQuery("SELECT " + ReindexJob.COLUMNS + " FROM search_reindex_job WHERE id = $1")
                .execute(Tuple.of(id)).map(Reindexer::first);
    }

    /** The running job, else the last one. */
    public Uni<Optional<ReindexJob>> latest() {
        return database.preparedQuery("SELECT " + ReindexJob.COLUMNS
                        + " FROM search_reindex_job ORDER BY finished_at IS NULL DESC, started_at DESC LIMIT 1")
                .execute().map(Reindexer::first);
    }

    private static Optional<ReindexJob> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(ReindexJob.of(rows.iterator().next()));
    }

    private void run(ReindexJob job) {
        long startedNanos = System.nanoTime();
        index.deleteUnaliased(job.targetIndex())
                .chain(() -> index.create(job.targetIndex(), false))
                .chain(() -> copy(job))
                .chain(() -> phase(job, "SWITCHING"))
                .chain(() -> index.finishFill(job.targetIndex()))
                .chain(() -> index.switchAliasTo(job.targetIndex()))
                .chain(() -> phase(job, "CATCHING_UP"))
                .chain(() -> catchUp(job))
                .chain(caughtUp -> database.preparedQuery("""
                                UPDATE search_reindex_job SET phase = 'DONE', caught_up = $2, finished_at = now(), heartbeat_at = now()
                                WHERE id = $1""").execute(Tuple.of(job.id(), caughtUp)))
                .subscribe().with(done -> {
                    completed.increment();
                    LOG.infof("Reindex %s done: %,d tickets into %s in %.1f s", job.id(), job.total(), job.targetIndex(),
                            (System.nanoTime() - startedNanos) / 1e9);
                }, failure -> {
                    LOG.errorf(failure, "Reindex %s failed", job.id());
                    database.preparedQuery("UPDATE search_reindex_job SET phase = 'FAILED', error = $2, finished_at = now() WHERE id = $1")
                            .execute(Tuple.of(job.id(), String.valueOf(failure.getMessage())))
                            .subscribe().with(ok -> { }, e -> LOG.warnf("Could not record the failure of reindex %s: %s", job.id(), e));
                });
    }

    /** Pages in id order; the next page is read while up to {@code parallelRequests} bulks are in flight. */
    private Uni<Void> copy(ReindexJob job) {
        AtomicReference<UUID> after = new AtomicReference<>(TicketQueries.FIRST_ID);
        AtomicLong done = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> tickets.pageAfter(after.get(), pageSize)
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                after.set(page.get(page.size() - 1).ticket().id());
                            }
                        }))
                .until(List::isEmpty)
                // merge(n) asks for n pages at a time: memory stays at a few pages, whatever the table's size.
                .onItem().transformToUni(page -> Uni.createFrom().item(page)
                        // Building a few thousand documents is CPU work: off the event loop.
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(recorded -> bulkBody(recorded, job.targetIndex()))
                        .chain(body -> bulk.send(body, false))
                        .replaceWith(page.size()))
                .merge(parallelRequests)
                .onItem().transformToUniAndConcatenate(written -> {
                    copied.increment(written);
                    return database.preparedQuery("UPDATE search_reindex_job SET done = $2, heartbeat_at = now() WHERE id = $1")
                            .execute(Tuple.of(job.id(), done.addAndGet(written)));
                })
                .collect().last().replaceWithVoid();
    }

    /** Every ticket with a step since the job started goes again, now through the switched alias. */
    private Uni<Long> catchUp(ReindexJob job) {
        return repair(List.of(), job.startedAt().toInstant().minusSeconds(5));
    }

    /** Writes these tickets again from PostgreSQL, over the documents of the same version (after their personal data was removed). */
    public Uni<Long> rewrite(List<UUID> ids) {
        return repair(ids, null);
    }

    /**
     * Writes the given tickets, or every ticket with a step since {@code since}, again through the
     * alias; answers how many the index took (not those it already held in that version). Shared with
     * the reconciliation.
     */
    Uni<Long> repair(List<UUID> ids, Instant since) {
        if (since == null && ids.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return (since != null ? tickets.changedSince(since) : tickets.byIds(ids))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(recorded -> bulk.send(bulkBody(recorded, TicketSearchIndex.ALIAS), true).map(Integer::longValue));
    }

    /** These tickets, read from PostgreSQL (the source of truth), as one bulk body aimed at {@code target}. */
    private String bulkBody(List<TicketQueries.Recorded> page, String target) {
        StringBuilder body = new StringBuilder();
        for (TicketQueries.Recorded t : page) {
            documents.appendIndexAction(body, target, t.ticket(), t.lastEventType(), t.updatedAt(), true);
        }
        return body.toString();
    }

    private Uni<Void> phase(ReindexJob job, String phase) {
        return database.preparedQuery("UPDATE search_reindex_job SET phase = $2, heartbeat_at = now() WHERE id = $1")
                .execute(Tuple.of(job.id(), phase)).replaceWithVoid();
    }
}
