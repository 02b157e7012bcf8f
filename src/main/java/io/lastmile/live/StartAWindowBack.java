package io.lastmile.live;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the screens' feed, on each partition's first assignment, {@link LiveConfig#resumeWindow()}
 * records before its end: a replica that just started (or restarted) can answer the cursors of
 * screens that were connected elsewhere, and knows where each partition stands before it answers
 * any. A later assignment goes on from the group's own position.
 */
@ApplicationScoped
@Identifier(StartAWindowBack.NAME)
public class StartAWindowBack implements KafkaConsumerRebalanceListener {

    static final String NAME = "screens-start-a-window-back";

    private final ScreenFeed feed;
    private final int window;
    private final Set<TopicPartition> started = ConcurrentHashMap.newKeySet();

    public StartAWindowBack(ScreenFeed feed, LiveConfig config) {
        this.feed = feed;
        this.window = config.resumeWindow();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> fresh = partitions.stream().filter(started::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(fresh);
        for (TopicPartition partition : fresh) {
            long from = Math.max(beginnings.get(partition), ends.get(partition) - window);
            consumer.seek(partition, from);
            feed.startAt(partition.partition(), from);
        }
    }
}
