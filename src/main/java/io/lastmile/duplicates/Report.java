package io.lastmile.duplicates;

import java.time.Instant;
import java.util.Set;

/**
 * A ticket as incident detection compares it.
 *
 * @param matter        its catalog code, or while unclassified the one the classifier makes of its words when it is
 *                      sure enough; null when neither
 * @param exactPosition the source gave the position (not the centre of a village found from the address)
 * @param incident      the incident it belongs to: the primary ticket it is merged into, or its own number
 * @param problem       the characters of its text without those of its place ({@link TextSimilarity#problem})
 */
public record Report(String ticketNumber, String matter, Double latitude, Double longitude, boolean exactPosition,
        String villageCode, Instant receivedAt, Set<String> problem, String incident) {

    /** A ticket that is not part of an incident yet: a new one, or a primary. */
    public Report(String ticketNumber, String matter, Double latitude, Double longitude, boolean exactPosition,
            String villageCode, Instant receivedAt, Set<String> problem) {
        this(ticketNumber, matter, latitude, longitude, exactPosition, villageCode, receivedAt, problem, ticketNumber);
    }

    boolean hasPosition() {
        return latitude != null && longitude != null;
    }

    /** The same report as a caller merged into {@code primary}. */
    Report joining(String primary) {
        return new Report(ticketNumber, matter, latitude, longitude, exactPosition, villageCode, receivedAt, problem, primary);
    }
}
