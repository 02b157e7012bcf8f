package io.lastmile.intake;

import io.lastmile.platform.DemoFeedMark;
import io.lastmile.ticket.Channel;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code intake.<channel>} topics, one consumer group for all replicas, a poll at a time. A record the adapter
 * rejects becomes a dead letter and is acknowledged, so it never blocks the records behind it. A
 * failure to store (the database is down) is retried with back-off until it succeeds: a valid
 * ticket is never dropped, and the redelivery after a restart finds it already stored.
 */
@ApplicationScoped
public class IntakeListener {

    private static final Logger LOG = Logger.getLogger(IntakeListener.class);

    private final IntakeService intake;

    public IntakeListener(IntakeService intake) {
        this.intake = intake;
    }

    @Incoming("intake-12345")
    public Uni<Void> hotline12345(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.HOTLINE_12345, records);
    }

    @Incoming("intake-12315")
    public Uni<Void> consumer12315(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.CONSUMER_12315, records);
    }

    @Incoming("intake-12369")
    public Uni<Void> environment12369(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.ENVIRONMENT_12369, records);
    }

    @Incoming("intake-urban")
    public Uni<Void> urban(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.URBAN, records);
    }

    @Incoming("intake-kiosk")
    public Uni<Void> kiosk(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.KIOSK, records);
    }

    @Incoming("intake-grid")
    public Uni<Void> grid(ConsumerRecords<String, byte[]> records) {
        return takeAll(Channel.GRID, records);
    }

    /**
     * A poll's records in one transaction ({@link IntakeService#acceptAllFromTopic}), retried whole
     * while the database is away. Anything else that fails the batch takes its records again one by
     * one, so that only the record at fault becomes a dead letter.
     */
    private Uni<Void> takeAll(Channel channel, ConsumerRecords<String, byte[]> polled) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<IntakeService.TopicRecord> batch = records.stream().map(r -> new IntakeService.TopicRecord(r.key(),
                r.value() == null ? new byte[0] : r.value(), fromDemoFeed(r))).toList();
        return Uni.createFrom().deferred(() -> intake.acceptAllFromTopic(channel, batch))
                .onFailure(StorageFailures::isTransient).invoke(e -> LOG.warnf("Could not store %d records of intake.%s"
                        + " (from partition %d, offset %d), retrying: %s", records.size(), channel.code(),
                        records.get(0).partition(), records.get(0).offset(), e))
                .onFailure(StorageFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("A batch of %d records of intake.%s failed (%s); taking them one by one", records.size(),
                            channel.code(), e.toString());
                    return Multi.createFrom().iterable(records).onItem().transformToUniAndConcatenate(r -> take(channel, r))
                            .collect().last().replaceWithVoid();
                });
    }

    private static boolean fromDemoFeed(ConsumerRecord<String, byte[]> record) {
        return record.headers() != null && record.headers().lastHeader(DemoFeedMark.HEADER) != null;
    }

    private Uni<Void> take(Channel channel, ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        boolean fromDemoFeed = fromDemoFeed(record);
        return Uni.createFrom().deferred(() -> intake.acceptFromTopic(channel, record.key(), value, fromDemoFeed))
                .onFailure(StorageFailures::isTransient).invoke(e -> LOG.warnf("Could not store a record of intake.%s"
                        + " (partition %d, offset %d), retrying: %s", channel.code(), record.partition(), record.offset(), e))
                .onFailure(StorageFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                // Anything else will fail again however often it is tried: a dead letter, and the next record.
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("A record of intake.%s (partition %d, offset %d) cannot be stored: %s", channel.code(),
                            record.partition(), record.offset(), e.toString());
                    return intake.deadLetter(channel, record.key(), value, new IntakeRejected(IntakeRejected.Kind.INVALID,
                            null, "记录无法保存 (the record could not be stored: " + e.getClass().getSimpleName() + ")"))
                            .onFailure(StorageFailures::isTransient).retry()
                            .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                            .replaceWith((IntakeService.Outcome) null);
                })
                .replaceWithVoid();
    }
}
