package io.lastmile.search;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/search}: {@code {"total", "hits", "facets", "histogram"}}.
 *
 * @param total     every ticket that matches (exact, not an estimate)
 * @param hits      one page, each with the {@code cursor} that asks for the page after it
 * @param facets    counts per channel, township, category and status over all matches
 * @param histogram matches per hour, day, week or month of their receipt (Asia/Shanghai)
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<Bucket>> facets, List<DateBucket> histogram) {

    /**
     * @param latitude          WGS-84, or null when the ticket has no place on the map
     * @param locationPrecision EXACT, VILLAGE, TOWNSHIP, COUNTY or NONE: how near the point is to the place
     * @param highlights        the text and address passages that matched, with {@code <em>} around the words
     * @param cursor            pass it as {@code after} for the next page
     */
    public record Hit(String ticketNumber, Double score, String status, String statusLabel, String channel, String kind,
            String urgency, String text, String address, String township, String village, String unit,
            String category, String categoryName, String card, String receivedAt, String mergedInto,
            Double latitude, Double longitude, String locationPrecision, List<String> highlights, String cursor) {
    }

    public record Bucket(String key, long count) {
    }

    /** @param date the start of the bucket (Asia/Shanghai) */
    public record DateBucket(String date, long count) {
    }
}
