package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches the tickets index: free text over text, address and result (the {@code cjk} bigrams,
 * every bigram of the query required, so 噪声扰民 finds 噪声扰民 and not every 噪声), filters,
 * facets, a date histogram and highlighted passages in one request. Paging is {@code search_after}
 * with the ticket number as the unique tiebreaker, not a point in time (its APIs differ between
 * Elasticsearch and OpenSearch); a page may then see a ticket that changed in between, never skip
 * or repeat a position. The server's {@link SearchScope} is added to every query as filters.
 */
@ApplicationScoped
public class TicketSearch {

    /** The facets the answer always carries, and the index field each counts. */
    static final Map<String, String> FACETS = Map.of("channel", "channel", "township", "township",
            "category", "catalogItem.code", "status", "status");

    private final RestClient search;
    private final TicketSearchIndex index;
    private final PhoneKeys phoneKeys;
    private final ObjectMapper json;

    public TicketSearch(RestClient search, TicketSearchIndex index, PhoneKeys phoneKeys, ObjectMapper json) {
        this.search = search;
        this.index = index;
        this.phoneKeys = phoneKeys;
        this.json = json;
    }

    public Uni<SearchResult> search(SearchQuery query, SearchScope scope) {
        ObjectNode body = body(query, scope);
        Request request = new Request("POST", "/" + TicketSearchIndex.ALIAS + "/_search");
        request.setJsonEntity(body.toString());
        return index.ensureExists()
                .chain(() -> SearchRequests.send(search, request))
                .map(response -> result(SearchRequests.json(json, response)));
    }

    ObjectNode body(SearchQuery query, SearchScope scope) {
        ObjectNode body = json.createObjectNode();
        body.put("size", query.size());
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        if (query.text() != null) {
            ArrayNode any = bool.putArray("must").addObject().putObject("bool").putArray("should");
            // cross_fields: the words may be spread over text and address (all analysed alike).
            any.addObject().putObject("multi_match")
                    .put("query", query.text())
                    .put("type", "cross_fields")
                    .put("operator", "and")
                    .putArray("fields").add("text^2").add("address").add("result");
            any.addObject().putObject("match_phrase").putObject("text").put("query", query.text()).put("boost", 2);
            any.addObject().putObject("term").put("ticketNumber", query.text());
        }
        ArrayNode filter = bool.putArray("filter");
        terms(filter, "channel", query.channels());
        terms(filter, "status", query.statuses());
        anyOf(filter, query.townships(), "township", "townshipCode");
        anyOf(filter, query.units(), "unit.code", "unit.name");
        anyOf(filter, query.categories(), "catalogItem.code", "catalogItem.name");
        terms(filter, "timeLimits.card", query.cards());
        if (query.from() != null || query.to() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("receivedAt");
            if (query.from() != null) {
                range.put("gte", query.from().toString());
            }
            if (query.to() != null) {
                range.put("lt", query.to().toString());
            }
        }
        if (query.box() != null) {
            SearchQuery.Box b = query.box();
            ObjectNode box = filter.addObject().putObject("geo_bounding_box").putObject("point");
            box.putObject("top_left").put("lat", b.maxLat()).put("lon", b.minLon());
            box.putObject("bottom_right").put("lat", b.minLat()).put("lon", b.maxLon());
        }
        if (query.near() != null) {
            SearchQuery.Circle c = query.near();
            filter.addObject().putObject("geo_distance").put("distance", c.radiusMeters() + "m")
                    .putObject("point").put("lat", c.lat()).put("lon", c.lon());
        }
        if (query.phoneLast4() != null) {
            if (!phoneKeys.enabled()) {
                throw new SearchParameterInvalid("phoneLast4", "未配置号码检索密钥 (search by phone is off: no lastmile.search.phone-key)");
            }
            filter.addObject().putObject("term").put("contactPhoneLast4Key", phoneKeys.keyOf(query.phoneLast4()));
        }
        scope.filters().forEach(filter::add);

        ArrayNode sort = body.putArray("sort");
        switch (query.sort()) {
            case RELEVANCE -> sort.addObject().putObject("_score").put("order", "desc");
            case NEWEST -> sort.addObject().putObject("receivedAt").put("order", "desc");
            case OLDEST -> sort.addObject().putObject("receivedAt").put("order", "asc");
        }
        // The unique tiebreaker that makes search_after stable.
        sort.addObject().putObject("ticketNumber").put("order", query.sort() == SearchQuery.Sort.OLDEST ? "asc" : "desc");
        if (query.after() != null) {
            if (query.after().size() != 2) {
                throw new SearchParameterInvalid("after", "不是上一页返回的 cursor (after must be the cursor of a hit)");
            }
            body.set("search_after", query.after());
        }
        if (query.sort() == SearchQuery.Sort.RELEVANCE) {
            body.put("track_scores", true);
        }
        ObjectNode highlight = body.putObject("highlight");
        highlight.putArray("pre_tags").add("<em>");
        highlight.putArray("post_tags").add("</em>");
        ObjectNode fields = highlight.putObject("fields");
        fields.putObject("text").put("fragment_size", 80).put("number_of_fragments", 3);
        fields.putObject("address").put("number_of_fragments", 0);

        ObjectNode aggs = body.putObject("aggs");
        FACETS.forEach((name, field) -> aggs.putObject(name).putObject("terms").put("field", field).put("size", 100));
        aggs.putObject("histogram").putObject("date_histogram")
                .put("field", "receivedAt")
                .put("calendar_interval", query.interval())
                .put("time_zone", "Asia/Shanghai")
                .put("min_doc_count", 1);
        return body;
    }

    private static void terms(ArrayNode filter, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode any = filter.addObject().putObject("terms").putArray(field);
            values.forEach(any::add);
        }
    }

    /** A filter a person gives by code or by name (修山镇 or 430922104). */
    private void anyOf(ArrayNode filter, List<String> values, String codeField, String nameField) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode bool = filter.addObject().putObject("bool");
        ArrayNode should = bool.putArray("should");
        ArrayNode codes = should.addObject().putObject("terms").putArray(codeField);
        ArrayNode names = should.addObject().putObject("terms").putArray(nameField);
        values.forEach(v -> {
            codes.add(v);
            names.add(v);
        });
        bool.put("minimum_should_match", 1);
    }

    private SearchResult result(JsonNode answer) {
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            List<String> highlights = new ArrayList<>();
            hit.path("highlight").path("text").forEach(h -> highlights.add(h.asText()));
            hit.path("highlight").path("address").forEach(h -> highlights.add(h.asText()));
            JsonNode score = hit.path("_score");
            hits.add(new SearchResult.Hit(s.path("ticketNumber").asText(),
                    score.isNumber() ? score.asDouble() : null,
                    text(s, "status"), text(s, "statusLabel"), text(s, "channel"), text(s, "kind"), text(s, "urgency"),
                    text(s, "text"), text(s, "address"), text(s, "township"), text(s, "village"),
                    text(s.path("unit"), "name"), text(s.path("catalogItem"), "code"), text(s.path("catalogItem"), "name"),
                    text(s.path("timeLimits"), "card"), text(s, "receivedAt"), text(s, "mergedInto"),
                    number(s.path("point"), "lat"), number(s.path("point"), "lon"), text(s, "locationPrecision"), highlights,
                    SearchQuery.cursorOf(hit.path("sort"))));
        }
        Map<String, List<SearchResult.Bucket>> facets = new LinkedHashMap<>();
        for (String name : List.of("channel", "township", "category", "status")) {
            List<SearchResult.Bucket> buckets = new ArrayList<>();
            answer.path("aggregations").path(name).path("buckets")
                    .forEach(b -> buckets.add(new SearchResult.Bucket(b.path("key").asText(), b.path("doc_count").asLong())));
            facets.put(name, buckets);
        }
        List<SearchResult.DateBucket> histogram = new ArrayList<>();
        answer.path("aggregations").path("histogram").path("buckets").forEach(b -> histogram.add(new SearchResult.DateBucket(
                Instant.ofEpochMilli(b.path("key").asLong()).atZone(io.lastmile.ticket.TicketView.SHOWN_IN)
                        .toOffsetDateTime().toString(), b.path("doc_count").asLong())));
        return new SearchResult(answer.path("hits").path("total").path("value").asLong(), hits, facets, histogram);
    }

    /** The hits go on a map: the indexed point, as the search node stored it. */
    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
