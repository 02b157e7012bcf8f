package io.lastmile.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tickets index: a versioned index behind the alias {@code tickets}, so that a mapping change is
 * a reindex into a new index and an atomic alias switch, not an outage. Index names start with the
 * mapping version ({@code tickets-v3}, or {@code tickets-v3-<time>} for a rebuild of the same
 * mapping); an alias that still points to an older version ({@code tickets-v2}) is
 * {@linkplain #outdated() outdated}, and the reindex job moves it (see {@link Reindexer}).
 * Chinese text uses the built-in {@code cjk} analyzer (bigrams), which found what people expect for
 * 路灯 and 鹤城区 in a trial where the smartcn plugin missed documents; only REST calls that
 * Elasticsearch 8/9 and OpenSearch 2/3 share. Contacts are indexed only masked (张**,
 * 139****5678), plus a keyed hash of the phone's last four digits (see {@link PhoneKeys}).
 *
 * <p>v2 over v1: {@code contactPhoneLast4Key}. v3 over v2: {@code assistingUnits}, so that search
 * reaches what an assisting unit may read, as REST does.
 */
@ApplicationScoped
public class TicketSearchIndex {

    public static final String ALIAS = "tickets";
    /** The mapping version this build writes; every index of it is named with this prefix. */
    static final String CURRENT = "tickets-v3";

    /** Settings and mappings of the current version; the alias is added by {@link #create} or the switch. */
    static final String MAPPINGS = """
              {
                "dynamic": "strict",
                "properties": {
                  "ticketId":     { "type": "keyword" },
                  "ticketNumber": { "type": "keyword" },
                  "channel":      { "type": "keyword" },
                  "sourceId":     { "type": "keyword" },
                  "status":       { "type": "keyword" },
                  "kind":         { "type": "keyword" },
                  "kindLabel":    { "type": "keyword" },
                  "urgency":      { "type": "keyword" },
                  "text":         { "type": "text", "analyzer": "cjk" },
                  "address":      { "type": "text", "analyzer": "cjk" },
                  "point":        { "type": "geo_point" },
                  "locationPrecision": { "type": "keyword" },
                  "contactName":  { "type": "keyword" },
                  "contactPhone": { "type": "keyword" },
                  "contactPhoneLast4Key": { "type": "keyword" },
                  "anonymous":    { "type": "boolean" },
                  "extras":       { "type": "object", "enabled": false },
                  "township":     { "type": "keyword" },
                  "townshipCode": { "type": "keyword" },
                  "village":      { "type": "keyword" },
                  "villageCode":  { "type": "keyword" },
                  "unit":         { "properties": { "code": { "type": "keyword" }, "name": { "type": "keyword" } } },
                  "catalogItem":  { "properties": { "code": { "type": "keyword" }, "name": { "type": "keyword" } } },
                  "assignee":     { "type": "keyword" },
                  "routedBy":     { "type": "keyword" },
                  "statusLabel":  { "type": "keyword" },
                  "responsible":  { "type": "keyword" },
                  "immediate":    { "type": "boolean" },
                  "result":       { "type": "text", "analyzer": "cjk" },
                  "satisfaction": { "type": "keyword" },
                  "supervised":   { "type": "boolean" },
                  "redoCount":    { "type": "integer" },
                  "mergedInto":   { "type": "keyword" },
                  "extensionDays":{ "type": "integer" },
                  "assistants":   { "type": "object", "enabled": false },
                  "assistingUnits": { "type": "keyword" },
                  "deadline":     { "type": "date" },
                  "timeLimits":   { "properties": {
                      "signFor": { "type": "date" }, "completion": { "type": "date" }, "feedback": { "type": "date" },
                      "card": { "type": "keyword" }, "yellowAt": { "type": "date" },
                      "paused": { "type": "boolean" }, "provisional": { "type": "boolean" } } },
                  "sourceTime":   { "type": "date" },
                  "receivedAt":   { "type": "date" },
                  "receivedBy":   { "type": "keyword" },
                  "version":      { "type": "integer" },
                  "lastEventType":{ "type": "keyword" },
                  "updatedAt":    { "type": "date" }
                }
              }""";

    private final RestClient search;
    private final ObjectMapper json;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean outdated = new AtomicBoolean();

    public TicketSearchIndex(RestClient search, ObjectMapper json) {
        this.search = search;
        this.json = json;
    }

    /**
     * Makes sure the alias exists, creating {@code tickets-v3} with it on an empty node; cheap after
     * the first success. An alias on an older version is left in place (writes go on reaching it)
     * and reported by {@link #outdated()} until the reindex has switched it.
     */
    public Uni<Void> ensureExists() {
        if (ready.get()) {
            return Uni.createFrom().voidItem();
        }
        return aliasedIndices().chain(indices -> {
            if (indices.isEmpty()) {
                return create(CURRENT, true);
            }
            outdated.set(indices.stream().noneMatch(TicketSearchIndex::isCurrentVersion));
            return Uni.createFrom().voidItem();
        }).invoke(() -> ready.set(true));
    }

    /** Looks at the alias again (an admin may have moved it) and answers whether it is outdated. */
    Uni<Boolean> recheck() {
        ready.set(false);
        return ensureExists().map(ok -> outdated.get());
    }

    /** The alias points to an index of an older mapping version: a reindex must move it. */
    public boolean outdated() {
        return outdated.get();
    }

    static boolean isCurrentVersion(String index) {
        return index.equals(CURRENT) || index.startsWith(CURRENT + "-");
    }

    /** The indices the alias points to now (empty when it does not exist). */
    Uni<List<String>> aliasedIndices() {
        return SearchRequests.send(search, quiet(new Request("GET", "/_alias/" + ALIAS)))
                .map(response -> {
                    List<String> names = new ArrayList<>();
                    if (response.getStatusLine().getStatusCode() == 200) {
                        SearchRequests.json(json, response).fieldNames().forEachRemaining(names::add);
                    }
                    return names;
                });
    }

    /**
     * Creates an index of the current mapping; with the alias on an empty node, without it for a
     * rebuild (which then fills it with refreshes off and switches the alias when done).
     */
    Uni<Void> create(String name, boolean withAlias) {
        String settings = withAlias ? "{}" : "{\"refresh_interval\": \"-1\"}";
        String aliases = withAlias ? "{\"%s\": {\"is_write_index\": true}}".formatted(ALIAS) : "{}";
        Request create = new Request("PUT", "/" + name);
        create.setJsonEntity("{\"settings\": %s, \"aliases\": %s, \"mappings\": %s}".formatted(settings, aliases, MAPPINGS));
        return SearchRequests.send(search, create).replaceWithVoid()
                // Another replica created it a moment earlier: that is what we wanted.
                .onFailure(e -> e instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 400
                        && String.valueOf(r.getMessage()).contains("resource_already_exists_exception"))
                .recoverWithNull();
    }

    /** After a bulk fill: refreshes back on, and everything written visible. */
    Uni<Void> finishFill(String name) {
        Request settings = new Request("PUT", "/" + name + "/_settings");
        settings.setJsonEntity("{\"index\": {\"refresh_interval\": null}}");
        return SearchRequests.send(search, settings)
                .chain(() -> SearchRequests.send(search, new Request("POST", "/" + name + "/_refresh")))
                .replaceWithVoid();
    }

    /**
     * Moves the alias to {@code target} in one atomic request (readers and writers see either the
     * old or the new index, never none), then deletes the indices it left.
     */
    Uni<List<String>> switchAliasTo(String target) {
        return aliasedIndices().chain(previous -> {
            StringBuilder actions = new StringBuilder("{\"actions\": [");
            for (String old : previous) {
                actions.append("{\"remove\": {\"index\": \"").append(old).append("\", \"alias\": \"").append(ALIAS).append("\"}},");
            }
            actions.append("{\"add\": {\"index\": \"").append(target).append("\", \"alias\": \"").append(ALIAS)
                    .append("\", \"is_write_index\": true}}]}");
            Request request = new Request("POST", "/_aliases");
            request.setJsonEntity(actions.toString());
            return SearchRequests.send(search, request)
                    .invoke(() -> {
                        ready.set(true);
                        outdated.set(!isCurrentVersion(target));
                    })
                    .chain(() -> deleteAll(previous.stream().filter(p -> !p.equals(target)).toList()))
                    .replaceWith(previous);
        });
    }

    /**
     * Deletes the tickets indices that no alias points to, but {@code keep}: what an abandoned
     * rebuild left half-filled (one job runs at a time, so none is being filled now).
     */
    Uni<Void> deleteUnaliased(String keep) {
        Request list = new Request("GET", "/_cat/indices/tickets-v*");
        list.addParameter("format", "json");
        list.addParameter("h", "index");
        return SearchRequests.send(search, list).chain(response -> aliasedIndices().chain(aliased -> {
            List<String> orphans = new ArrayList<>();
            SearchRequests.json(json, response).forEach(row -> {
                String name = row.path("index").asText();
                if (!aliased.contains(name) && !name.equals(keep)) {
                    orphans.add(name);
                }
            });
            return deleteAll(orphans);
        }));
    }

    private Uni<Void> deleteAll(List<String> indices) {
        if (indices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SearchRequests.send(search, new Request("DELETE", "/" + String.join(",", indices))).replaceWithVoid();
    }

    private static Request quiet(Request request) {
        // The low-level client answers a 404 as a response only when told to ignore it.
        request.addParameter("ignore", "404");
        return request;
    }

}
