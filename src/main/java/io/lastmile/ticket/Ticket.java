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

/** A citizen's matter, whatever channel it came through, with its one ticket number (受理单号). */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ticket_number", nullable = false, unique = true)
    public String ticketNumber;

    /** Stored as the channel code ({@code 12345}, {@code urban}, …), see {@link ChannelConverter}. */
    @Column(nullable = false)
    @jakarta.persistence.Convert(converter = ChannelConverter.class)
    public Channel channel;

    /** The source system's own id for the item: with the channel, the key that makes intake exactly-once. */
    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Urgency urgency;

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    public String address;

    @Column(name = "contact_name")
    public String contactName;

    /** Normalized digits. Personal data: see {@link Contact}. */
    @Column(name = "contact_phone")
    public String contactPhone;

    @Column(nullable = false)
    public boolean anonymous;

    /** WGS-84. */
    public Double longitude;

    /** WGS-84. */
    public Double latitude;

    @Enumerated(EnumType.STRING)
    @Column(name = "location_precision", nullable = false)
    public LocationPrecision locationPrecision;

    @Column(name = "source_coord_system")
    public String sourceCoordSystem;

    @Column(name = "source_longitude")
    public Double sourceLongitude;

    @Column(name = "source_latitude")
    public Double sourceLatitude;

    @Column(name = "township_code")
    public String townshipCode;

    @Column(name = "township_name")
    public String townshipName;

    @Column(name = "village_code")
    public String villageCode;

    @Column(name = "village_name")
    public String villageName;

    @Column(name = "unit_code")
    public String unitCode;

    @Column(name = "unit_name")
    public String unitName;

    @Column(name = "catalog_code")
    public String catalogCode;

    @Column(name = "catalog_name")
    public String catalogName;

    /** The holder on duty of the owning unit's post (AB岗), or null. */
    public String assignee;

    @Column(name = "routed_by")
    public String routedBy;

    /** 首问负责制: who answers for the ticket now, the first contact until a recorded hand-over. */
    @Column(nullable = false)
    public String responsible;

    /** 即办件: answered and closed at intake. */
    @Column(nullable = false)
    public boolean immediate;

    @Column(name = "result_text", columnDefinition = "text")
    public String resultText;

    public String satisfaction;

    @Column(nullable = false)
    public boolean supervised;

    @Column(name = "redo_count", nullable = false)
    public int redoCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "resume_status")
    public TicketStatus resumeStatus;

    @Column(name = "merged_into")
    public String mergedInto;

    @Column(name = "extension_days", nullable = false)
    public int extensionDays;

    /** 联办: the assisting units as a JSON array (see {@link JointHandling}). */
    @Column(nullable = false, columnDefinition = "text")
    public String assistants;

    @Column(name = "returned_by_unit")
    public String returnedByUnit;

    /** The deadline of the current stage (sign-for, completion or citizen feedback): the queue sorts by it. */
    public Instant deadline;

    @Column(name = "sign_for_deadline")
    public Instant signForDeadline;

    @Column(name = "completion_deadline")
    public Instant completionDeadline;

    @Column(name = "feedback_deadline")
    public Instant feedbackDeadline;

    /** A deadline was computed across a year without calendar data (weekdays only). */
    @Column(name = "deadline_provisional", nullable = false)
    public boolean deadlineProvisional;

    /** When the yellow card of the current stage falls due. */
    @Column(name = "yellow_at")
    public Instant yellowAt;

    /** When the red card falls due: the current stage's deadline. */
    @Column(name = "red_at")
    public Instant redAt;

    /** NONE, YELLOW or RED: the card of the current stage. */
    @Column(nullable = false)
    public String card;

    /** Set while the clock waits (补办, an extension decision). */
    @Column(name = "paused_at")
    public Instant pausedAt;

    /** When the red card, if still unresolved, moves the ticket one level up. */
    @Column(name = "escalate_at")
    public Instant escalateAt;

    /** When the township's operator answered a kiosk press. */
    @Column(name = "picked_up_at")
    public Instant pickedUpAt;

    /** Channel extras as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    public String extras;

    @Column(name = "source_time", nullable = false)
    public Instant sourceTime;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Who took it in: an operator's user name or a source system (首问负责制 starts here). */
    @Column(name = "received_by", nullable = false)
    public String receivedBy;

    /** Increases with every state change; events carry it so that consumers never apply an older state. */
    @Column(nullable = false)
    public int version;
}
