package io.lastmile.intake;

import io.lastmile.outbox.Outbox;
import io.lastmile.platform.Sha256;
import io.lastmile.platform.StorableText;
import io.lastmile.ticket.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records that could not become tickets: stored with their original bytes, and published to
 * {@code intake.dlq} through the outbox in the same transaction, so that none is lost and none is
 * recorded twice (a redelivered bad record finds its dead letter by the hash of its bytes).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its meters are on /q/metrics before the first dead letter
public class DeadLetters {

    public static final String TOPIC = "intake.dlq";
    /** Base64 makes 4 characters of 3 bytes: 150 KiB of bytes stay well within an outbox event. */
    static final int MAX_CARRIED_BYTES = 150 * 1024;

    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final io.vertx.mutiny.sqlclient.Pool database;
    private final io.lastmile.platform.ColumnCipher cipher;

    public DeadLetters(Outbox outbox, Clock clock, MeterRegistry metrics, io.vertx.mutiny.sqlclient.Pool database,
            io.lastmile.platform.ColumnCipher cipher) {
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.database = database;
        this.cipher = cipher;
        for (Channel channel : Channel.values()) {
            metrics.counter("lastmile.intake.dead.letters", "channel", channel.code()); // a series from the start, at 0
        }
    }

    /**
     * Retention: empties the original bytes of the dead letters replayed into these tickets, and of
     * every dead letter received before {@code receivedBefore}; answers their ids (the ids of their
     * {@code intake.dlq} events too). The hash stays, so the same bad record is still recognised.
     */
    public Uni<List<UUID>> forget(List<String> ticketNumbers, Instant receivedBefore) {
        return database.preparedQuery("""
                        UPDATE intake_dead_letter SET payload = ''::bytea, anonymised_at = now()
                        WHERE anonymised_at IS NULL AND (ticket_number = ANY($1) OR received_at < $2)
                        RETURNING id""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ticketNumbers.toArray(String[]::new),
                        receivedBefore.atOffset(java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    List<UUID> ids = new java.util.ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids;
                });
    }

    /** Seals up to {@code batch} payloads under the current key (older key, or from before encryption); answers how many. */
    public Uni<Integer> reseal(int batch) {
        byte[] current = cipher.currentBytesPrefix();
        return database.withTransaction(connection -> connection.preparedQuery("""
                        SELECT id, payload FROM intake_dead_letter
                        WHERE octet_length(payload) > 0 AND substring(payload FROM 1 FOR $1) <> $2
                        LIMIT $3 FOR UPDATE SKIP LOCKED""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(current.length,
                        io.vertx.core.buffer.Buffer.buffer(current), batch))
                .chain(rows -> {
                    List<io.vertx.mutiny.sqlclient.Tuple> updates = new java.util.ArrayList<>();
                    rows.forEach(r -> updates.add(io.vertx.mutiny.sqlclient.Tuple.of(r.getUUID("id"),
                            io.vertx.core.buffer.Buffer.buffer(cipher.seal(cipher.open(r.getBuffer("payload").getBytes()))))));
                    return updates.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery("UPDATE intake_dead_letter SET payload = $2 WHERE id = $1")
                                    .executeBatch(updates).replaceWith(updates.size());
                }));
    }

    /** Stores the rejected record unless the same bytes of the same channel are already stored. */
    public Uni<IntakeDeadLetter> record(String channel, String sourceKey, byte[] payload, IntakeRejected rejected) {
        String hash = Sha256.hex(payload);
        IntakeRejected storable = storable(rejected);
        return findByHash(channel, hash).chain(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : store(channel, StorableText.scrub(sourceKey), payload, hash, storable).invoke(outbox::publishSoon)
                        // A redelivered record finds its letter above and is not counted again.
                        .invoke(() -> metrics.counter("lastmile.intake.dead.letters", "channel", channel).increment()));
    }

    @WithTransaction
    Uni<IntakeDeadLetter> store(String channel, String sourceKey, byte[] payload, String hash, IntakeRejected rejected) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        IntakeDeadLetter letter = new IntakeDeadLetter();
        letter.id = UUID.randomUUID();
        letter.channel = channel;
        letter.sourceKey = sourceKey == null ? null : StorableText.scrub(sourceKey.substring(0, Math.min(sourceKey.length(), 256)));
        letter.payload = payload;
        letter.payloadSha256 = hash;
        letter.field = rejected.field();
        letter.reason = rejected.reason();
        letter.receivedAt = now;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", letter.id.toString());
        event.put("channel", channel);
        event.put("sourceKey", sourceKey);
        event.put("field", rejected.field());
        event.put("reason", rejected.reason());
        event.put("receivedAt", now.toString());
        event.put("payloadBytes", payload.length);
        event.put("payloadSha256", hash);
        // The original bytes travel with the record up to a size Kafka takes; the whole stays in the database.
        byte[] carried = payload.length <= MAX_CARRIED_BYTES ? payload : java.util.Arrays.copyOf(payload, MAX_CARRIED_BYTES);
        event.put("payloadBase64", Base64.getEncoder().encodeToString(carried));
        event.put("payloadTruncated", carried.length < payload.length);
        return letter.<IntakeDeadLetter>persist().call(saved -> outbox.appendSealed(TOPIC, recordKey(channel, sourceKey, hash),
                saved.id, "IntakeRejected", now, event));
    }

    @WithSession
    Uni<IntakeDeadLetter> findByHash(String channel, String hash) {
        return IntakeDeadLetter.find("channel = ?1 and payloadSha256 = ?2", channel, hash).firstResult();
    }

    @WithSession
    public Uni<IntakeDeadLetter> find(UUID id) {
        return IntakeDeadLetter.findById(id);
    }

    /** Newest first; {@code open} keeps those not yet replayed. */
    @WithSession
    public Uni<List<IntakeDeadLetter>> list(String channel, boolean open, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (channel != null) {
            query.append(" and channel = :channel");
            parameters.put("channel", channel);
        }
        if (open) {
            query.append(" and replayedAt is null");
        }
        return IntakeDeadLetter.<IntakeDeadLetter>find(query.toString(), Sort.descending("receivedAt"), parameters)
                .page(Page.of(page, size)).list();
    }

    @WithTransaction
    public Uni<Void> markReplayed(UUID id, String ticketNumber) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return IntakeDeadLetter.<IntakeDeadLetter>findById(id).invoke(letter -> {
            letter.replayedAt = now;
            letter.ticketNumber = ticketNumber;
        }).replaceWithVoid();
    }

    /** A replay that still fails: the reason of now replaces the reason of then. */
    @WithTransaction
    public Uni<Void> updateReason(UUID id, IntakeRejected rejected) {
        IntakeRejected storable = storable(rejected);
        return IntakeDeadLetter.<IntakeDeadLetter>findById(id).invoke(letter -> {
            letter.field = storable.field();
            letter.reason = storable.reason();
        }).replaceWithVoid();
    }

    /**
     * A broken Kafka key, a reason quoting broken text or a field path through a long JSON key must
     * not make the dead letter itself unstorable: that would stop the partition behind it.
     */
    private static IntakeRejected storable(IntakeRejected rejected) {
        String field = rejected.field() == null || rejected.field().length() <= 128 ? rejected.field()
                : rejected.field().substring(0, 127) + "…";
        return new IntakeRejected(rejected.kind(), StorableText.scrub(field), StorableText.scrub(rejected.reason()));
    }

    /** {@code <channel>:<source key>}, or the payload's hash when the key is absent or too long for a key. */
    static String recordKey(String channel, String sourceKey, String hash) {
        return channel + ":" + (sourceKey != null && !sourceKey.isEmpty() && sourceKey.length() <= 48
                ? sourceKey : hash.substring(0, 32));
    }
}
