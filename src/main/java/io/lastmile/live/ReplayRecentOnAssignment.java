package io.lastmile.live;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;

/**
 * Starts the live feed a few records before the end of each partition. A replica's feed group is
 * new at every start, so without this it would read either the whole history or only what comes
 * after its assignment, and miss what happened while it was starting.
 */
@ApplicationScoped
@Identifier(ReplayRecentOnAssignment.NAME)
public class ReplayRecentOnAssignment implements KafkaConsumerRebalanceListener {

    static final String NAME = "live-replay-recent";

    private final long perPartition;

    public ReplayRecentOnAssignment(LiveConfig config) {
        this.perPartition = config.replayPerPartition();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, Math.max(beginnings.get(partition), ends.get(partition) - perPartition));
        }
    }
}
