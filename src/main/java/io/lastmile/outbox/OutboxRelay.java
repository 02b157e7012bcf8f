package io.lastmile.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes outbox rows to Kafka in position order and marks them published. One relay at a time
 * across all replicas (a PostgreSQL advisory lock), so one ticket's events leave in order. A crash
 * between send and mark sends a row again: consumers drop repeats by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant shared by all replicas; the lock exists only while a relay transaction runs. */
    private static final long RELAY_LOCK = 0x6c6173746d696c65L;

    private final Pool database;
    private final io.lastmile.platform.ColumnCipher cipher;
    private final MutinyEmitter<String> kafka;
    private final int batchSize;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    /** Work the relay makes way for, and since when (System.nanoTime) it has been held without a break. */
    private final AtomicInteger holds = new AtomicInteger();
    private volatile long heldSince;

    public OutboxRelay(Pool database,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048) MutinyEmitter<String> kafka,
            OutboxConfig config,
            MeterRegistry metrics,
            io.lastmile.platform.ColumnCipher cipher) {
        this.cipher = cipher;
        this.database = database;
        this.kafka = kafka;
        this.batchSize = config.batchSize();
        this.published = metrics.counter("lastmile.outbox.published");
        this.failures = metrics.counter("lastmile.outbox.relay.failures");
    }

    /**
     * The sweep: events of other replicas, and of commits whose own nudge found the relay busy.
     * Waits a moment at start-up for the Kafka emitter to be connected.
     */
    @Scheduled(every = "${lastmile.outbox.sweep-interval:1s}", delayed = "${lastmile.outbox.sweep-delay:2s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relaySoon();
    }

    /**
     * Relays as soon as possible without ever running two relays of this replica at once: a
     * request that comes while one runs makes it run once more when it ends.
     */
    public void relaySoon() {
        requested.set(true);
        if (!held() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Holds the relay while {@code work} runs, for at most {@link #MAX_HOLD}: the batch it is
     * sending finishes, the next waits, and the events written meanwhile leave as soon as the work
     * ends. For a burst of writes that must finish first (thousands of cards at 17:30), on a
     * machine where publishing them and consuming them again would take the same processors.
     */
    public <T> Uni<T> holdDuring(java.util.function.Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (holds.getAndIncrement() == 0) {
                heldSince = System.nanoTime();
            }
            return work.get();
        }).onTermination().invoke(() -> {
            holds.decrementAndGet();
            relaySoon();
        });
    }

    /** Events wait at most this long for a hold to end: the live feed may lag a burst, not stop. */
    static final java.time.Duration MAX_HOLD = java.time.Duration.ofSeconds(10);

    private boolean held() {
        return holds.get() > 0 && System.nanoTime() - heldSince < MAX_HOLD.toNanos();
    }

    private void drain() {
        requested.set(false);
        relayUntilEmpty().subscribe().with(sent -> drained(), failure -> {
            failures.increment();
            LOG.warnf("Outbox relay failed, retrying at the next sweep: %s", failure.toString());
            running.set(false);
        });
    }

    private void drained() {
        running.set(false);
        if (requested.get() && !held() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Relays batch after batch until a batch comes back short, or a hold begins (the end of the
     * hold asks again); answers how many rows left.
     */
    public Uni<Integer> relayUntilEmpty() {
        return relayBatch().chain(sent -> {
            if (sent < batchSize) {
                return Uni.createFrom().item(sent);
            }
            if (held()) {
                requested.set(true);
                return Uni.createFrom().item(sent);
            }
            return relayUntilEmpty().map(more -> sent + more);
        });
    }

    private Uni<Integer> relayBatch() {
        return database.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS mine").execute(Tuple.of(RELAY_LOCK))
                .chain(lock -> lock.iterator().next().getBoolean("mine")
                        ? claimAndSend(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> claimAndSend(SqlConnection connection) {
        return connection.preparedQuery("""
                SELECT position, event_id, topic, record_key, event_type, payload, occurred_at
                FROM outbox_event WHERE published_at IS NULL AND failure IS NULL ORDER BY position LIMIT $1""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> pending = new ArrayList<>();
                    rows.forEach(pending::add);
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // A record Kafka refuses for good is set aside with its reason; any other failure
                    // (the broker is away) fails the batch, which is retried whole at the next sweep.
                    List<Uni<String>> sends = pending.stream().map(row -> send(row).replaceWith((String) null)
                            .onFailure(OutboxRelay::isPermanent).recoverWithItem(e -> {
                                LOG.errorf("Outbox event %s (%s) refused by Kafka for good, set aside: %s",
                                        row.getUUID("event_id"), row.getString("event_type"), e.toString());
                                return e.toString();
                            })).toList();
                    // The idempotent producer keeps the order of sends to one partition.
                    return Uni.join().all(sends).andFailFast().chain(failures -> {
                        List<Long> sent = new ArrayList<>();
                        List<Uni<Void>> setAside = new ArrayList<>();
                        for (int i = 0; i < pending.size(); i++) {
                            Long position = pending.get(i).getLong("position");
                            if (failures.get(i) == null) {
                                sent.add(position);
                            } else {
                                setAside.add(connection.preparedQuery("UPDATE outbox_event SET failure = $2 WHERE position = $1")
                                        .execute(Tuple.of(position, failures.get(i))).replaceWithVoid());
                            }
                        }
                        setAside.add(connection
                                .preparedQuery("UPDATE outbox_event SET published_at = now() WHERE position = ANY($1)")
                                .execute(Tuple.of(sent.toArray(Long[]::new))).replaceWithVoid());
                        published.increment(sent.size());
                        return Uni.join().all(setAside).andFailFast().replaceWith(pending.size());
                    });
                });
    }

    private Uni<Void> send(Row row) {
        RecordHeaders headers = new RecordHeaders();
        // CloudEvents binary mode: the envelope fields as ce_ headers for consumers that want them.
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(row.getUUID("event_id").toString()));
        headers.add("ce_type", bytes(row.getString("event_type")));
        headers.add("ce_source", bytes("lastmile"));
        headers.add("ce_time", bytes(row.getOffsetDateTime("occurred_at").toString()));
        headers.add("content-type", bytes("application/json"));
        return kafka.sendMessage(Message.of(cipher.open(row.getString("payload"))).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(row.getString("record_key"))
                        .withHeaders(headers)
                        .build()));
    }

    /** Kafka will never take this record, however often it is sent. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.SerializationException
                    || t instanceof org.apache.kafka.common.errors.InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
