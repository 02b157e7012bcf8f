package io.lastmile.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tickets index: a versioned index ({@code tickets-v1}) behind the alias {@code tickets}, so
 * that a mapping change is a reindex into {@code tickets-v2} and an alias switch, not an outage.
 * Chinese text uses the built-in {@code cjk} analyzer (bigrams), which found what people expect
 * for 路灯 and 鹤城区 in a trial; only REST calls that Elasticsearch 8/9 and OpenSearch 2/3 share.
 * Contacts are indexed only in their masked form (张**, 139****5678).
 */
@ApplicationScoped
public class TicketSearchIndex {

    public static final String ALIAS = "tickets";
    static final String INDEX = "tickets-v1";

    static final String DEFINITION = """
            {
              "aliases": { "%s": { "is_write_index": true } },
              "mappings": {
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
              }
            }""".formatted(ALIAS);

    private final RestClient search;
    private final AtomicBoolean exists = new AtomicBoolean();

    public TicketSearchIndex(RestClient search) {
        this.search = search;
    }

    /** Creates the index and its alias unless they exist; cheap after the first success. */
    public Uni<Void> ensureExists() {
        if (exists.get()) {
            return Uni.createFrom().voidItem();
        }
        // The low-level client answers a HEAD 404 as a response, not as an error.
        return SearchRequests.send(search, new Request("HEAD", "/" + INDEX))
                .map(response -> response.getStatusLine().getStatusCode() == 200)
                .chain(present -> present ? Uni.createFrom().voidItem() : create())
                .invoke(() -> exists.set(true));
    }

    private Uni<Void> create() {
        Request create = new Request("PUT", "/" + INDEX);
        create.setJsonEntity(DEFINITION);
        return SearchRequests.send(search, create).replaceWithVoid()
                // Another replica created it a moment earlier: that is what we wanted.
                .onFailure(e -> e instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 400
                        && String.valueOf(r.getMessage()).contains("resource_already_exists_exception"))
                .recoverWithNull();
    }
}
