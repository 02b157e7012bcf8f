package io.lastmile.live;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a screen stands in {@code ticket-events}: for each partition, the offset of the next event it
 * has not seen. Kafka's offsets are the same for every replica and survive restarts, so a screen may
 * resume with a cursor on any replica. Written {@code "0:12,1:5,2:9"}.
 */
public record FeedCursor(Map<Integer, Long> next) {

    public static final FeedCursor NONE = new FeedCursor(Map.of());

    public FeedCursor {
        next = Collections.unmodifiableMap(new TreeMap<>(next));
    }

    /** The cursor a screen sent, or empty when it is not one (a screen that sends garbage starts afresh). */
    public static Optional<FeedCursor> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Map<Integer, Long> next = new TreeMap<>();
        try {
            for (String part : text.split(",")) {
                int colon = part.indexOf(':');
                int partition = Integer.parseInt(part.substring(0, colon).strip());
                long offset = Long.parseLong(part.substring(colon + 1).strip());
                if (partition < 0 || offset < 0 || next.put(partition, offset) != null) {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        return Optional.of(new FeedCursor(next));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        next.forEach((partition, offset) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(partition).append(':').append(offset);
        });
        return text.toString();
    }
}
