package io.lastmile.live;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the live feed, on each partition's first assignment, at the first event since this
 * replica started. A replica's feed group is new at every start: from the end of the partition it
 * would miss what happened while its consumer was joining; from further back it would push events
 * that happened before. A later assignment of the same partition goes on from the group's own
 * position, so no event is pushed twice (and {@link LiveTicketFeed} skips any redelivered one).
 */
@ApplicationScoped
@Identifier(StartAtReplicaStart.NAME)
public class StartAtReplicaStart implements KafkaConsumerRebalanceListener {

    static final String NAME = "live-start-at-replica-start";

    private final long startedAtMillis;
    private final Set<TopicPartition> started = ConcurrentHashMap.newKeySet();

    public StartAtReplicaStart(Clock clock) {
        this.startedAtMillis = clock.millis();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (started.add(partition)) {
                since.put(partition, startedAtMillis);
            }
        }
        if (since.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
        Map<TopicPartition, Long> ends = consumer.endOffsets(since.keySet());
        for (TopicPartition partition : since.keySet()) {
            OffsetAndTimestamp first = offsets.get(partition);
            consumer.seek(partition, first != null ? first.offset() : ends.get(partition));
        }
    }
}
