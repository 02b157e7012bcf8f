package io.lastmile.intake;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.lastmile.platform.SealedBytes;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A source record that could not become a ticket, kept with its original bytes for replay. */
@Entity
@Table(name = "intake_dead_letter")
public class IntakeDeadLetter extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The channel code ({@code 12345}, {@code urban}, …). */
    @Column(nullable = false)
    public String channel;

    /** The Kafka key the source set (usually its own id), or null. */
    @Column(name = "source_key")
    public String sourceKey;

    /** Sealed at rest (see {@link SealedBytes}): the sources' records carry names and phones in clear. */
    @Column(nullable = false)
    @Convert(converter = SealedBytes.class)
    public byte[] payload;

    @Column(name = "payload_sha256", nullable = false)
    public String payloadSha256;

    /** The field as the source spells it, or null when the whole record was unreadable. */
    public String field;

    @Column(nullable = false, columnDefinition = "text")
    public String reason;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "replayed_at")
    public Instant replayedAt;

    /** The ticket a successful replay made. */
    @Column(name = "ticket_number")
    public String ticketNumber;
}
