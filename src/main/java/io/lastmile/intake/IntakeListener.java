package io.lastmile.intake;

import io.lastmile.platform.DemoFeedMark;
import io.lastmile.ticket.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The {@code intake.<channel>} topics, one consumer group for all replicas. A record the adapter
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
    public Uni<Void> hotline12345(ConsumerRecord<String, byte[]> record) {
        return take(Channel.HOTLINE_12345, record);
    }

    @Incoming("intake-12315")
    public Uni<Void> consumer12315(ConsumerRecord<String, byte[]> record) {
        return take(Channel.CONSUMER_12315, record);
    }

    @Incoming("intake-12369")
    public Uni<Void> environment12369(ConsumerRecord<String, byte[]> record) {
        return take(Channel.ENVIRONMENT_12369, record);
    }

    @Incoming("intake-urban")
    public Uni<Void> urban(ConsumerRecord<String, byte[]> record) {
        return take(Channel.URBAN, record);
    }

    @Incoming("intake-kiosk")
    public Uni<Void> kiosk(ConsumerRecord<String, byte[]> record) {
        return take(Channel.KIOSK, record);
    }

    @Incoming("intake-grid")
    public Uni<Void> grid(ConsumerRecord<String, byte[]> record) {
        return take(Channel.GRID, record);
    }

    private Uni<Void> take(Channel channel, ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        boolean fromDemoFeed = record.headers() != null && record.headers().lastHeader(DemoFeedMark.HEADER) != null;
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
