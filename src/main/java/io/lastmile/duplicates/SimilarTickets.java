package io.lastmile.duplicates;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/tickets/{number}/similar}: the tickets linked with this one and
 * the candidates found for it or that found it, each with its score and whether it is linked now.
 *
 * @param linkedTo the primary this ticket is merged into, or null
 */
public record SimilarTickets(String ticketNumber, String linkedTo, List<Item> items) {

    /**
     * @param relation       EARLIER (this ticket may join it) or LATER (it may join this ticket)
     * @param score          the similarity that decided, or null for a merge a dispatcher made by hand
     * @param decision       AUTO_LINKED, SUGGESTED, ACCEPTED, DISMISSED, or MANUAL (merged without detection)
     * @param linked         one of the two is merged into the other now
     */
    public record Item(String ticketNumber, String relation, Double score, Double textSimilarity, Double distanceMeters,
            String decision, boolean linked, String status, String text, String receivedAt) {
    }
}
