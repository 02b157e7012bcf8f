package io.lastmile.live;

import io.lastmile.ticket.TicketScope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest deltas of each partition of {@code ticket-events}, by offset, so that a screen that
 * comes back with its cursor gets exactly what it missed. A cursor older than what is kept (or
 * naming a partition this replica has not started reading) cannot be answered: that screen resyncs.
 * Not thread-safe: {@link ScreenFeed} holds its lock around every call.
 */
final class ScreenJournal {

    /** One delta: where it sits on the topic, its JSON without the closing brace, and who may read its ticket. */
    record Delta(int partition, long offset, SharedBody message, TicketScope.Reach reach) {

        Delta(int partition, long offset, String body, TicketScope.Reach reach) {
            this(partition, offset, new SharedBody(body), reach);
        }
    }

    private final int keptPerPartition;
    private final Map<Integer, Deque<Delta>> kept = new HashMap<>();
    /** The oldest offset a cursor may name and still be answered. */
    private final Map<Integer, Long> answerableFrom = new HashMap<>();
    /** The offset after the last record read. */
    private final Map<Integer, Long> next = new TreeMap<>();

    ScreenJournal(int keptPerPartition) {
        this.keptPerPartition = keptPerPartition;
    }

    /** This replica reads {@code partition} from {@code offset} on: a cursor from there on can be answered. */
    void startAt(int partition, long offset) {
        kept.put(partition, new ArrayDeque<>());
        answerableFrom.put(partition, offset);
        next.put(partition, offset);
    }

    /** A record that is no delta (a repeat, an unreadable one): the position moves on, nothing is kept. */
    void passed(int partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    void append(Delta delta) {
        Deque<Delta> deltas = kept.computeIfAbsent(delta.partition(), p -> new ArrayDeque<>());
        answerableFrom.putIfAbsent(delta.partition(), delta.offset());
        deltas.addLast(delta);
        passed(delta.partition(), delta.offset());
        while (deltas.size() > keptPerPartition) {
            answerableFrom.put(delta.partition(), deltas.removeFirst().offset() + 1);
        }
    }

    /** Where this replica stands: the cursor of a screen that has seen everything read so far. */
    FeedCursor head() {
        return new FeedCursor(next);
    }

    /** The deltas at or after the cursor, or empty when some of them are no longer kept. */
    Optional<List<Delta>> since(FeedCursor cursor) {
        if (next.isEmpty() || !cursor.next().keySet().containsAll(next.keySet())) {
            return Optional.empty();
        }
        List<Delta> missed = new ArrayList<>();
        for (var position : cursor.next().entrySet()) {
            Long from = answerableFrom.get(position.getKey());
            if (from == null || position.getValue() < from) {
                return Optional.empty();
            }
            for (Delta delta : kept.get(position.getKey())) {
                if (delta.offset() >= position.getValue()) {
                    missed.add(delta);
                }
            }
        }
        return Optional.of(missed);
    }
}
