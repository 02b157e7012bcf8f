package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the caller may see, decided by the server and never by the request: filters in the search
 * engine's query language that every search adds to the caller's own. Until the security capability
 * scopes users to their jurisdiction, resources pass {@link #everything()}; then a township official
 * gets e.g. {@code {"term": {"townshipCode": "430922104"}}} here.
 */
public record SearchScope(List<JsonNode> filters) {

    private static final SearchScope EVERYTHING = new SearchScope(List.of());

    public SearchScope {
        filters = List.copyOf(filters);
    }

    public static SearchScope everything() {
        return EVERYTHING;
    }
}
