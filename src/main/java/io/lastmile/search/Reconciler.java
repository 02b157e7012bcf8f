package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.lastmile.ticket.TicketQueries;
import jakarta.enterprise.context.ApplicationScoped;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compares PostgreSQL with the search index and repairs the differences: pages of (ticket id,
 * version) in id order against {@code _mget} of the same ids; a ticket missing from the index or
 * held in an older version is written again. It catches whatever the indexer could not (an event
 * lost by an operator's mistake, an index restored from an old snapshot). Runs every
 * {@code lastmile.search.reconcile-interval} and on an admin's request, on one replica at a time (a
 * PostgreSQL advisory lock, as the outbox relay); an alias on an older mapping version starts a
 * reindex instead.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final long LOCK = 0x7365617263680001L;

    /**
     * @param inDatabase tickets in PostgreSQL
     * @param inIndex    documents in the index (after the repair)
     * @param repaired   tickets written again because the index lacked them or held an older version
     * @param ran        false when another replica was reconciling at the moment, or a reindex was due
     * @param reindexJob the reindex started (or running) because the alias points to an older mapping version
     */
    public record Result(long inDatabase, long inIndex, long repaired, boolean ran, UUID reindexJob) {
    }

    private final Pool database;
    private final TicketQueries tickets;
    private final RestClient search;
    private final TicketSearchIndex index;
    private final Reindexer reindexer;
    private final ObjectMapper json;
    private final Counter repairedCounter;
    private final int pageSize;

    public Reconciler(Pool database, TicketQueries tickets, RestClient search, TicketSearchIndex index, Reindexer reindexer, ObjectMapper json,
            MeterRegistry metrics, SearchConfig config) {
        this.database = database;
        this.tickets = tickets;
        this.search = search;
        this.index = index;
        this.reindexer = reindexer;
        this.json = json;
        this.repairedCounter = metrics.counter("lastmile.search.reconcile.repaired");
        this.pageSize = config.reconcilePageSize();
    }

    @Scheduled(every = "${lastmile.search.reconcile-interval:15m}", delayed = "${lastmile.search.reconcile-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run()
                .onFailure().invoke(e -> LOG.warnf("Reconciliation failed, trying again at the next interval: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * One pass, unless another replica holds the lock; when the alias points to an older mapping
     * version, a reindex instead (its catch-up does the rest).
     */
    public Uni<Result> run() {
        return index.recheck().chain(outdated -> outdated
                ? reindexer.start("reconciliation: the alias points to an older mapping version")
                        .map(ReindexJob::id)
                        .onFailure(Reindexer.AlreadyRunning.class).recoverWithItem(e -> ((Reindexer.AlreadyRunning) e).running.id())
                        .map(job -> new Result(0, 0, 0, false, job))
                : reconcile());
    }

    private Uni<Result> reconcile() {
        return database.getConnection().chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1) AS mine").execute(Tuple.of(LOCK))
                .chain(lock -> lock.iterator().next().getBoolean("mine")
                        ? pass().eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1)")
                                .execute(Tuple.of(LOCK)))
                        : Uni.createFrom().item(new Result(0, 0, 0, false, null)))
                .eventually(connection::close));
    }

    private Uni<Result> pass() {
        long[] counts = new long[2]; // tickets seen, repaired
        return index.ensureExists()
                .chain(() -> page(TicketQueries.FIRST_ID, counts))
                .chain(() -> SearchRequests.send(search, new Request("POST", "/" + TicketSearchIndex.ALIAS + "/_refresh")))
                .chain(() -> SearchRequests.send(search, new Request("GET", "/" + TicketSearchIndex.ALIAS + "/_count")))
                .map(response -> {
                    long inIndex = SearchRequests.json(json, response).path("count").asLong();
                    if (counts[1] > 0 || inIndex != counts[0]) {
                        LOG.infof("Reconciliation: %,d tickets in PostgreSQL, %,d documents in the index, %,d repaired",
                                counts[0], inIndex, counts[1]);
                    }
                    return new Result(counts[0], inIndex, counts[1], true, null);
                });
    }

    private Uni<Void> page(UUID after, long[] counts) {
        return tickets.versionsAfter(after, pageSize)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<UUID, Integer> versions = new HashMap<>();
                    UUID last = after;
                    for (TicketQueries.IdAndVersion row : rows) {
                        last = row.id();
                        versions.put(last, row.version());
                    }
                    counts[0] += versions.size();
                    UUID next = last;
                    return staleOrMissing(versions)
                            .chain(stale -> reindexer.repair(stale, null))
                            .invoke(repaired -> {
                                counts[1] += repaired;
                                repairedCounter.increment(repaired);
                            })
                            .chain(() -> rows.size() < pageSize ? Uni.createFrom().voidItem() : page(next, counts));
                });
    }

    private Uni<List<UUID>> staleOrMissing(Map<UUID, Integer> versions) {
        ObjectNode body = json.createObjectNode();
        ArrayNode ids = body.putArray("ids");
        versions.keySet().forEach(id -> ids.add(id.toString()));
        Request mget = new Request("POST", "/" + TicketSearchIndex.ALIAS + "/_mget");
        mget.addParameter("_source", "false");
        mget.setJsonEntity(body.toString());
        return SearchRequests.send(search, mget).map(response -> {
            Map<String, Long> indexed = new HashMap<>();
            for (JsonNode doc : SearchRequests.json(json, response).path("docs")) {
                if (doc.path("found").asBoolean()) {
                    indexed.put(doc.path("_id").asText(), doc.path("_version").asLong());
                }
            }
            List<UUID> stale = new ArrayList<>();
            versions.forEach((id, version) -> {
                Long held = indexed.get(id.toString());
                if (held == null || held < version) {
                    stale.add(id);
                }
            });
            return stale;
        });
    }

}
