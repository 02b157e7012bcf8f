package io.lastmile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How far a consumer group of {@code ticket-events} is behind, for tests and benchmarks that wait for a reader to catch up. */
public final class TicketEventsLag {

    private static final String TOPIC = "ticket-events";

    /**
     * Records of ticket-events the group has not committed yet, over every partition of the topic: a
     * partition it never committed counts whole, so 0 means it has read everything.
     */
    public static long of(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
        long behind = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            behind += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return behind;
    }

    private TicketEventsLag() {
    }
}
