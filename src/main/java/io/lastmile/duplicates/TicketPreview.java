package io.lastmile.duplicates;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/tickets/preview}: what the console shows an operator while the
 * call is typed, before anything is saved.
 *
 * @param township  where the words place the call, or null
 * @param village   the village, or null when only a township or nothing was recognised
 * @param unit      the unit the call would go to as the text stands
 * @param matter    the catalog code the classifier is sure of, or null: a dispatcher would decide
 * @param matters   the likely matters, best first, each with its confidence and its one-time list of documents
 * @param incidents the open incidents the call would join, best first; the first is the one it would be linked
 *                  to or suggested for
 */
public record TicketPreview(String township, String village, String unit, String matter, List<Matter> matters,
        List<Incident> incidents) {

    /**
     * @param documents what the caller must bring, told once (一次性告知)
     */
    public record Matter(String code, String name, double confidence, List<String> documents) {
    }

    /**
     * @param ticketNumber the incident's primary ticket
     * @param callers      how many called about it so far
     * @param place        POSITION (both source positions close) or VILLAGE (the same village)
     * @param decision     AUTO_LINKED (it would be linked) or SUGGESTED (a dispatcher would be asked)
     */
    public record Incident(String ticketNumber, int callers, double score, Double distanceMeters, String place,
            String decision, String status, String text, String receivedAt) {
    }
}
