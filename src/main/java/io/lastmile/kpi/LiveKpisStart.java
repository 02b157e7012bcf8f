package io.lastmile.kpi;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the live KPIs' consumer, on each partition's first assignment, at the partition's end, and
 * only then rebuilds the figures from PostgreSQL: an event published before that position committed
 * before it (the relay publishes only what committed), so the tables have it; one after comes from
 * the topic. A later assignment goes on from the group's own position.
 */
@ApplicationScoped
@Identifier(LiveKpisStart.NAME)
public class LiveKpisStart implements KafkaConsumerRebalanceListener {

    static final String NAME = "kpis-start-at-the-end";

    private final LiveKpis kpis;
    private final Set<TopicPartition> started = ConcurrentHashMap.newKeySet();

    public LiveKpisStart(LiveKpis kpis) {
        this.kpis = kpis;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> fresh = partitions.stream().filter(started::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        consumer.seekToEnd(fresh);
        // The position is fixed here, not at the next poll: the rebuild must not start before it.
        fresh.forEach(consumer::position);
        kpis.partitionsHeld();
    }
}
