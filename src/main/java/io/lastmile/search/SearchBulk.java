package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends one {@code _bulk} body and fails unless every item was written or refused as older; answers
 * how many were written.
 */
@ApplicationScoped
public class SearchBulk {

    private final RestClient search;
    private final ObjectMapper json;

    public SearchBulk(RestClient search, ObjectMapper json) {
        this.search = search;
        this.json = json;
    }

    /**
     * @param toAlias the body's actions name the alias: then never let a write create a plain index
     *                with guessed mappings ({@code require_alias})
     */
    Uni<Integer> send(String body, boolean toAlias) {
        if (body.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Request request = new Request("POST", "/_bulk");
        if (toAlias) {
            request.addParameter("require_alias", "true");
        }
        request.setJsonEntity(body);
        return SearchRequests.send(search, request)
                .map(response -> SearchRequests.json(json, response))
                .invoke(SearchBulk::failOnItemErrorsOtherThanOlderVersions)
                .map(SearchBulk::written);
    }

    private static int written(JsonNode response) {
        int written = 0;
        for (JsonNode item : response.path("items")) {
            if (item.path("index").path("status").asInt() < 300) {
                written++;
            }
        }
        return written;
    }

    /** A 409 on an item means the index already holds this or a newer version: exactly what we want. */
    private static void failOnItemErrorsOtherThanOlderVersions(JsonNode response) {
        if (!response.path("errors").asBoolean()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        response.path("items").forEach(item -> {
            JsonNode result = item.path("index");
            int status = result.path("status").asInt();
            if (status >= 300 && status != 409) {
                failures.add(result.path("_id").asText() + ": " + result.path("error").toString());
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException("bulk items failed: " + failures.subList(0, Math.min(5, failures.size()))
                    + (failures.size() > 5 ? " and " + (failures.size() - 5) + " more" : ""));
        }
    }
}
