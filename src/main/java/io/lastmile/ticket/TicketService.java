package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Use cases on the ticket aggregate. Every change writes its event to the outbox in the same transaction. */
@ApplicationScoped
public class TicketService {

    private final TicketRepository tickets;
    private final TicketNumbers numbers;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public TicketService(TicketRepository tickets, TicketNumbers numbers, Outbox outbox, Clock clock,
            MeterRegistry metrics, ObjectMapper json) {
        this.json = json;
        this.tickets = tickets;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The result of taking a matter in: the ticket, and whether the source had delivered it before. */
    public record Received(TicketView ticket, boolean duplicate) {
    }

    /**
     * Takes a matter in exactly once, with the owner routing found for it: a repeated delivery (same channel and source id) answers the
     * ticket made the first time, also when two deliveries race (the unique constraint decides).
     */
    public Uni<Received> receive(NewTicket command, Owner owner) {
        return findExisting(command).chain(existing -> existing != null
                ? Uni.createFrom().item(new Received(TicketView.of(existing), true))
                : numbers.next(clock.instant())
                        .chain(number -> create(command, owner, number))
                        .invoke(outbox::publishSoon)
                        .invoke(ticket -> metrics.counter("lastmile.tickets.received", "channel", ticket.channel()).increment())
                        .map(ticket -> new Received(ticket, false))
                        .onFailure(TicketService::isSourceAlreadyTaken)
                        .recoverWithUni(() -> findExisting(command).map(t -> new Received(TicketView.of(t), true))));
    }

    @WithSession
    public Uni<TicketView> findByNumber(String ticketNumber) {
        return tickets.findByNumber(ticketNumber).map(t -> t == null ? null : TicketView.of(t));
    }

    @WithSession
    Uni<Ticket> findExisting(NewTicket command) {
        return tickets.findBySource(command.channel(), command.sourceId());
    }

    @WithTransaction
    Uni<TicketView> create(NewTicket command, Owner owner, String ticketNumber) {
        // The database keeps microseconds; so does the answer, which then equals a later read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.ticketNumber = ticketNumber;
        ticket.channel = command.channel();
        ticket.sourceId = command.sourceId();
        ticket.status = TicketStatus.RECEIVED;
        ticket.kind = command.kind();
        ticket.urgency = command.urgency();
        ticket.text = command.text();
        ticket.address = command.address();
        Location location = command.location() == null ? Location.UNKNOWN : command.location();
        ticket.longitude = location.longitude();
        ticket.latitude = location.latitude();
        ticket.locationPrecision = location.precision();
        ticket.sourceCoordSystem = location.sourceSystem();
        ticket.sourceLongitude = location.sourceLongitude();
        ticket.sourceLatitude = location.sourceLatitude();
        Contact contact = command.contact() == null ? Contact.NONE : command.contact();
        ticket.contactName = contact.name();
        ticket.contactPhone = contact.phone();
        ticket.anonymous = contact.anonymous();
        ticket.townshipCode = owner.townshipCode();
        ticket.townshipName = owner.townshipName();
        ticket.villageCode = owner.villageCode();
        ticket.villageName = owner.villageName();
        ticket.unitCode = owner.unitCode();
        ticket.unitName = owner.unitName();
        ticket.catalogCode = owner.catalogCode();
        ticket.catalogName = owner.catalogName();
        ticket.assignee = owner.assignee();
        ticket.routedBy = owner.routedBy();
        ticket.extras = toJson(command.extras() == null ? Map.of() : command.extras());
        ticket.sourceTime = command.sourceTime().truncatedTo(ChronoUnit.MICROS);
        ticket.receivedAt = now;
        ticket.receivedBy = command.actor();
        ticket.version = 1;
        return tickets.persist(ticket).chain(saved -> {
            TicketView view = TicketView.of(saved);
            TicketEvent event = new TicketEvent(UUID.randomUUID(), TicketEvent.RECEIVED, saved.id, saved.ticketNumber,
                    saved.version, now, command.actor(), view.withMaskedContact());
            return outbox.append(TicketEvent.TOPIC, saved.id.toString(), event.eventId(), event.type(), now, event)
                    .replaceWith(view);
        });
    }

    private String toJson(Map<String, Object> extras) {
        try {
            return json.writeValueAsString(extras);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("channel extras are not serializable: " + extras.keySet(), e);
        }
    }

    private static boolean isSourceAlreadyTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("ticket_source_once")) {
                return true;
            }
        }
        return false;
    }
}
