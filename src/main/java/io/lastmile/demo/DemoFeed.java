package io.lastmile.demo;

import io.lastmile.demo.DemoRecords.SourceRecord;
import io.lastmile.platform.DemoFeedMark;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Random;

/**
 * A realistic stream for the demo county on the intake topics, as the source systems would send
 * it: on by default in dev mode, off in tests and production. Now and then a source delivers a
 * record twice (a retry) or sends one that cannot be read, as real ones do, so that the duplicate
 * handling and the dead letters can be seen at work.
 */
@ApplicationScoped
public class DemoFeed {

    private static final Logger LOG = Logger.getLogger(DemoFeed.class);

    private final MutinyEmitter<byte[]> intake;
    private final DemoRecords records;
    private final Clock clock;
    private final boolean enabled;
    private final int perTick;
    private final int faultPercent;
    private final Random random;

    public DemoFeed(@Channel("demo-feed") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> intake, Clock clock, DemoConfig config) {
        this.intake = intake;
        this.clock = clock;
        this.enabled = config.enabled();
        this.perTick = config.recordsPerSecond();
        this.faultPercent = config.faultPercent();
        this.random = new Random();
        this.records = new DemoRecords(random);
        if (enabled) {
            LOG.infof("Demo feed on: %d record(s) per second for 桃江县 on the intake topics", perTick);
        }
    }

    @Scheduled(every = "1s", delayed = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!enabled) {
            return;
        }
        for (int i = 0; i < perTick; i++) {
            SourceRecord record = records.next(clock.instant());
            int roll = random.nextInt(100);
            if (roll < faultPercent) {
                // A source that cuts its record short: the dead letters show it with its reason.
                byte[] cut = new String(record.value(), StandardCharsets.UTF_8).substring(0, record.value().length / 3)
                        .getBytes(StandardCharsets.UTF_8);
                send(new SourceRecord(record.channel(), record.key(), cut));
            } else {
                send(record);
                if (roll < 2 * faultPercent) {
                    send(record); // a retry: the same record again, which must not make a second ticket
                }
            }
        }
    }

    /** Puts one record on its intake topic, marked as the demo feed's. */
    void send(SourceRecord record) {
        intake.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic("intake." + record.channel())
                        .withKey(record.key())
                        // The mark the demo's simulated people recognise its tickets by.
                        .withHeaders(new RecordHeaders().add(DemoFeedMark.HEADER, new byte[] {1}))
                        .build()))
                .subscribe().with(ok -> { }, e -> LOG.warnf("Demo feed could not send: %s", e.toString()));
    }
}
