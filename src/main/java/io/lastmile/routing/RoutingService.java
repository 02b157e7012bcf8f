package io.lastmile.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.ClasspathText;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing data in force: stored as documents in PostgreSQL (seeded from the demo county's files
 * on first start), held in memory as one validated snapshot, reloaded when an admin (on any
 * replica) replaces a document. No restart is needed for a new catalog or new boundaries.
 */
@ApplicationScoped
public class RoutingService {

    public static final String JURISDICTIONS = "jurisdictions";
    public static final String CATALOG = "catalog";
    public static final String ORGANIZATION = "organization";
    private static final Map<String, String> SEED_FILES = Map.of(JURISDICTIONS, "routing/jurisdictions.geojson",
            CATALOG, "routing/catalog.json", ORGANIZATION, "routing/organization.json");
    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private record Loaded(RoutingSnapshot snapshot, Map<String, Long> versions) {
    }

    private final Pool database;
    private final ObjectMapper json;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    public RoutingService(Pool database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    void onStart(@Observes StartupEvent started) {
        seedMissingDocuments().chain(this::reload).await().indefinitely();
        LOG.infof("Routing data loaded: %d areas, %d catalog items, %d units", snapshot().tree().all().size(),
                snapshot().catalog().items().size(), snapshot().organization().units().size());
    }

    /** The snapshot in force. */
    public RoutingSnapshot snapshot() {
        Loaded loaded = current.get();
        if (loaded == null) {
            throw new IllegalStateException("routing data is not loaded yet");
        }
        return loaded.snapshot();
    }

    public Router.Routed route(io.lastmile.ticket.NewTicket ticket) {
        return snapshot().router().route(ticket);
    }

    public Map<String, Long> versions() {
        Loaded loaded = current.get();
        return loaded == null ? Map.of() : loaded.versions();
    }

    /**
     * Replaces one document after checking that, with the other two in force, it makes a consistent
     * whole; an invalid one fails with {@link IllegalArgumentException} and changes nothing.
     */
    public Uni<Map<String, Long>> replace(String name, JsonNode document, String actor) {
        Long basedOn = versions().get(name);
        RoutingSnapshot now = snapshot();
        RoutingSnapshot candidate = new RoutingSnapshot(
                JURISDICTIONS.equals(name) ? document : now.jurisdictionsDocument(),
                CATALOG.equals(name) ? document : now.catalogDocument(),
                ORGANIZATION.equals(name) ? document : now.organizationDocument());
        String content;
        try {
            content = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        // Only over the version this change was made from: two admins editing at once never lose a change silently.
        return database.preparedQuery("""
                UPDATE routing_document SET content = $2, version = version + 1, updated_at = now(), updated_by = $3
                WHERE name = $1 AND version = $4 RETURNING version""")
                .execute(Tuple.of(name, content, actor, basedOn))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ConcurrentChange(name);
                    }
                    Map<String, Long> versions = new HashMap<>(versions());
                    versions.put(name, rows.iterator().next().getLong("version"));
                    current.set(new Loaded(candidate, Map.copyOf(versions)));
                    LOG.infof("Routing document %s replaced by %s (version %d)", name, actor, versions.get(name));
                    return versions;
                });
    }

    /** The document changed since this replica loaded it: reload and apply the change again. */
    public static class ConcurrentChange extends RuntimeException {
        ConcurrentChange(String name) {
            super("路由数据已被他人修改，请刷新后重试 (the " + name + " changed meanwhile; reload it and apply your change again)");
        }
    }

    /** Another replica's change arrives here within a few seconds. */
    @Scheduled(every = "${lastmile.routing.reload-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reloadIfChanged() {
        return database.query("SELECT name, version FROM routing_document").execute()
                .chain(rows -> {
                    Map<String, Long> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString("name"), row.getLong("version")));
                    return stored.equals(versions()) ? Uni.createFrom().voidItem() : reload();
                })
                .onFailure().invoke(e -> LOG.warnf("Routing data not reloaded: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> reload() {
        return database.query("SELECT name, content, version FROM routing_document").execute().map(rows -> {
            Map<String, JsonNode> documents = new HashMap<>();
            Map<String, Long> versions = new HashMap<>();
            for (Row row : rows) {
                try {
                    documents.put(row.getString("name"), json.readTree(row.getString("content")));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored routing document " + row.getString("name") + " is not JSON", e);
                }
                versions.put(row.getString("name"), row.getLong("version"));
            }
            current.set(new Loaded(new RoutingSnapshot(documents.get(JURISDICTIONS), documents.get(CATALOG),
                    documents.get(ORGANIZATION)), Map.copyOf(versions)));
            return null;
        });
    }

    private Uni<Void> seedMissingDocuments() {
        List<Uni<Void>> inserts = SEED_FILES.entrySet().stream().map(seed -> database.preparedQuery("""
                        INSERT INTO routing_document (name, content, version, updated_at, updated_by)
                        VALUES ($1, $2, 1, now(), 'seed') ON CONFLICT (name) DO NOTHING""")
                .execute(Tuple.of(seed.getKey(), ClasspathText.read(seed.getValue()))).replaceWithVoid()).toList();
        return Uni.join().all(inserts).andFailFast().replaceWithVoid();
    }

}
