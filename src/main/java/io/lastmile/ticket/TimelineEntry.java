package io.lastmile.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step on a ticket's timeline: what happened, who did it, when, why, and who answers for the ticket after it. */
@Entity
@Table(name = "ticket_event")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String type;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public TicketStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public TicketStatus toStatus;

    @Column(nullable = false)
    public String actor;

    @Column(columnDefinition = "text")
    public String reason;

    /** Step details as JSON (the unit dispatched to, the satisfaction, …). */
    @Column(nullable = false, columnDefinition = "text")
    public String data;

    @Column(nullable = false)
    public String responsible;

    @Column(name = "unit_code")
    public String unitCode;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The deadline of the stage this step began (a hand-over's sign-for limit …), or null: what the assessment counts against. */
    @Column(name = "stage_deadline")
    public Instant stageDeadline;
}
