package io.lastmile.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The newest version of each recent ticket a consumer has handled, so that it skips an event it
 * has seen (Kafka delivers at least once: a rebalance or a restart redelivers) and an older one
 * arriving late. Bounded: the least recently touched tickets are forgotten first, and a consumer
 * whose projection keeps versions itself (the search index's external versions) stays correct
 * for the ones forgotten.
 */
public final class LatestVersions {

    private final Map<UUID, Integer> latest;

    public LatestVersions(int capacity) {
        this.latest = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True, and remembered, when {@code version} is newer than every version of the ticket handled before. */
    public synchronized boolean isNew(UUID ticketId, int version) {
        Integer seen = latest.get(ticketId);
        if (seen != null && seen >= version) {
            return false;
        }
        latest.put(ticketId, version);
        return true;
    }
}
