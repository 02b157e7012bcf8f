package io.lastmile.privacy;

import io.lastmile.intake.DeadLetters;
import io.lastmile.outbox.Outbox;
import io.lastmile.platform.ColumnCipher;
import io.lastmile.ticket.PersonalData;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.IntFunction;

/**
 * Moves every sealed value to the current column key, and seals what is still in clear from before
 * encryption: the step of a key rotation after which the old key can be removed (docs/privacy.md).
 * Batches lock their rows with SKIP LOCKED, so replicas running it at once share the work.
 */
@ApplicationScoped
public class ReEncryption {

    private static final Logger LOG = Logger.getLogger(ReEncryption.class);
    private static final int BATCH = 500;

    /** How many values moved, per table, and the key they are under now. */
    public record Report(String keyId, int tickets, int deadLetters, int outboxEvents) {
    }

    private final PersonalData personalData;
    private final DeadLetters deadLetters;
    private final Outbox outbox;
    private final ColumnCipher cipher;

    public ReEncryption(PersonalData personalData, DeadLetters deadLetters, Outbox outbox, ColumnCipher cipher) {
        this.personalData = personalData;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.cipher = cipher;
    }

    @Scheduled(every = "${lastmile.column-keys.re-encrypt-interval:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(e -> LOG.errorf("Re-encryption failed (the next pass retries): %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Everything to the current key, now. */
    public Uni<Report> run() {
        return all(personalData::resealTickets, 0).chain(tickets -> all(deadLetters::reseal, 0)
                        .chain(letters -> all(outbox::reseal, 0)
                                .map(events -> new Report(cipher.currentKeyId(), tickets, letters, events))))
                .invoke(report -> {
                    if (report.tickets() + report.deadLetters() + report.outboxEvents() > 0) {
                        LOG.infof("Re-encrypted under column key %s: %d tickets, %d dead letters, %d outbox events",
                                report.keyId(), report.tickets(), report.deadLetters(), report.outboxEvents());
                    }
                });
    }

    private static Uni<Integer> all(IntFunction<Uni<Integer>> batch, int sofar) {
        return batch.apply(BATCH).chain(n -> n < BATCH ? Uni.createFrom().item(sofar + n) : all(batch, sofar + n));
    }
}
