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
import java.util.function.UnaryOperator;

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

    /** One routing document as stored, and its version: its entity tag is {@code "<name>-<version>"}. */
    public record Document(String name, JsonNode content, long version) {

        public String entityTag() {
            return name + "-" + version;
        }
    }

    /** The document in force on this replica, with the version it was loaded at. */
    public Document document(String name) {
        Loaded loaded = current.get();
        if (loaded == null) {
            throw new IllegalStateException("routing data is not loaded yet");
        }
        return new Document(name, contentOf(loaded.snapshot(), name), loaded.versions().get(name));
    }

    /**
     * Changes one document, only if it is still at {@code basedOn}, the version the admin read:
     * applies {@code change} to it, checks that with the other two in force it makes a consistent
     * whole, and stores it. Fails with {@link ConcurrentChange} when the document is at another
     * version (two admins editing at once never lose a change silently), with
     * {@link IllegalArgumentException} when the result is inconsistent; either way nothing changes.
     */
    public Uni<Document> replace(String name, long basedOn, UnaryOperator<JsonNode> change, String actor) {
        // The admin may have read the version from a replica that loaded it before this one did.
        Uni<Void> loaded = document(name).version() < basedOn ? reloadIfChanged() : Uni.createFrom().voidItem();
        return loaded.chain(() -> {
            Document current = document(name);
            if (current.version() != basedOn) {
                throw new ConcurrentChange(name);
            }
            JsonNode document = change.apply(current.content().deepCopy());
            RoutingSnapshot now = snapshot();
            RoutingSnapshot candidate = new RoutingSnapshot(
                    JURISDICTIONS.equals(name) ? document : now.jurisdictionsDocument(),
                    CATALOG.equals(name) ? document : now.catalogDocument(),
                    ORGANIZATION.equals(name) ? document : now.organizationDocument());
            // A JsonNode prints itself as JSON.
            String content = document.toString();
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
                        this.current.set(new Loaded(candidate, Map.copyOf(versions)));
                        LOG.infof("Routing document %s replaced by %s (version %d)", name, actor, versions.get(name));
                        return new Document(name, document, versions.get(name));
                    });
        });
    }

    private static JsonNode contentOf(RoutingSnapshot snapshot, String name) {
        return switch (name) {
            case JURISDICTIONS -> snapshot.jurisdictionsDocument();
            case CATALOG -> snapshot.catalogDocument();
            case ORGANIZATION -> snapshot.organizationDocument();
            default -> throw new IllegalArgumentException("no routing document " + name);
        };
    }

    /** The document is no longer at the version the change was made from: read it again and apply the change again. */
    public static class ConcurrentChange extends RuntimeException {
        ConcurrentChange(String name) {
            super("路由数据已被他人修改，请重新读取后再改 (the " + name + " changed since you read it; read it again and"
                    + " apply your change to the new version)");
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
