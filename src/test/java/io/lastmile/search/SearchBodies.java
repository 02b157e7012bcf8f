package io.lastmile.search;

import java.util.List;

/**
 * The exact query the search API sends to the engine for a county-wide reader, for benchmarks that
 * time the engine alone against the API.
 */
public final class SearchBodies {

    private SearchBodies() {
    }

    /** The engine's request body for these API parameters (each list holds at most one value here). */
    public static String countyWide(TicketSearch search, String q, String township, String status, String category,
            String channel) {
        SearchQuery query = SearchQuery.parse(q, list(channel), list(status), list(township), List.of(), list(category),
                List.of(), null, null, null, null, null, null, null, null, null, null);
        return search.body(query, SearchScope.everything()).toString();
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
