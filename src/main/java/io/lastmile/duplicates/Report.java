package io.lastmile.duplicates;

import java.time.Instant;
import java.util.Set;

/**
 * A ticket as duplicate detection compares it.
 *
 * @param exactPosition the source gave the position (not the centre of a village found from the address)
 * @param problem       the characters of its text without those of its place ({@link TextSimilarity#problem})
 */
public record Report(String ticketNumber, String category, Double latitude, Double longitude, boolean exactPosition,
        String villageCode, Instant receivedAt, Set<String> problem) {

    boolean hasPosition() {
        return latitude != null && longitude != null;
    }
}
