package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

    /**
     * One ticket as people read it; a ticket merged into another (an additional caller about the same
     * problem) carries the primary ticket's number and progress under {@code linkedTo}.
     */
    @WithSession
    public Uni<TicketView> findByNumber(String ticketNumber) {
        return tickets.findByNumber(ticketNumber).chain(t -> {
            if (t == null) {
                return Uni.createFrom().nullItem();
            }
            TicketView view = TicketView.of(t);
            return t.mergedInto == null ? Uni.createFrom().item(view)
                    : primaryOf(t.mergedInto, MAX_MERGE_HOPS).map(primary -> primary == null ? view
                            : view.linkedTo(TicketView.Link.of(primary)));
        });
    }

    /**
     * A primary merged later into another ticket (a dispatcher joined two problems) passes its
     * callers on: they follow the ticket at the end of the chain.
     */
    private static final int MAX_MERGE_HOPS = 5;

    private Uni<Ticket> primaryOf(String number, int hops) {
        return tickets.findByNumber(number).chain(t -> t == null || t.mergedInto == null || hops == 0
                ? Uni.createFrom().item(t)
                : primaryOf(t.mergedInto, hops - 1));
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
        ticket.responsible = owner.responsible();
        ticket.assistants = "[]";
        ticket.card = "NONE";
        ticket.extras = toJson(command.extras() == null ? Map.of() : command.extras());
        ticket.sourceTime = command.sourceTime().truncatedTo(ChronoUnit.MICROS);
        ticket.receivedAt = now;
        ticket.receivedBy = command.actor();
        ticket.version = 1;
        return tickets.persist(ticket).chain(saved -> record(saved, TicketEvent.RECEIVED, null, command.actor(),
                null, Map.of("channel", saved.channel.code()), now));
    }

    /** A step and its details, as an action asks for it. */
    public record StepRequest(Step step, String actor, String reason, Map<String, Object> data) {
    }

    /**
     * Takes one step of the workflow on a ticket, under a row lock so that two people acting at once
     * are serialized: checks the step is allowed from the current state ({@link StepRefused}
     * otherwise), lets {@code change} set what the step changes (the unit, the result …; it may
     * refuse too), moves the state, and records the step on the timeline and in the outbox, all in
     * one transaction.
     */
    public Uni<TicketView> apply(String ticketNumber, StepRequest request, Consumer<Ticket> change) {
        return apply(ticketNumber, request, ticket -> { }, change);
    }

    /**
     * As {@link #apply(String, StepRequest, Consumer)}, with {@code access} run first on the locked
     * ticket: it throws when the caller may not act on this ticket at all, before anything about
     * the ticket's state is told.
     */
    public Uni<TicketView> apply(String ticketNumber, StepRequest request, Consumer<Ticket> access, Consumer<Ticket> change) {
        return applyInTransaction(ticketNumber, request, access, change).invoke(outbox::publishSoon);
    }

    @WithTransaction
    Uni<TicketView> applyInTransaction(String ticketNumber, StepRequest request, Consumer<Ticket> access,
            Consumer<Ticket> change) {
        return tickets.find("ticketNumber", ticketNumber).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new TicketNotFound(ticketNumber))
                .chain(ticket -> {
                    access.accept(ticket);
                    TicketStatus from = ticket.status;
                    Step step = request.step();
                    if (!step.allowedFrom(from)) {
                        throw new StepRefused("工单处于" + from.label() + "状态，不能" + step.name()
                                + " (a ticket in " + from + " cannot take the step " + step + ")", from);
                    }
                    TicketStatus resumeTo = ticket.resumeStatus;
                    change.accept(ticket);
                    TicketStatus to = step.target(from, resumeTo);
                    // A pause and a merge remember the state to go back to; leaving them forgets it.
                    if (to == TicketStatus.EXTENSION_REQUESTED || to == TicketStatus.WAITING_FOR_DOCUMENTS
                            || to == TicketStatus.MERGED) {
                        ticket.resumeStatus = from;
                    } else if (from == TicketStatus.EXTENSION_REQUESTED || from == TicketStatus.WAITING_FOR_DOCUMENTS
                            || from == TicketStatus.MERGED) {
                        ticket.resumeStatus = null;
                    }
                    ticket.status = to;
                    ticket.version++;
                    return record(ticket, step.eventType(), from, request.actor(), request.reason(),
                            request.data() == null ? Map.of() : request.data(),
                            clock.instant().truncatedTo(ChronoUnit.MICROS));
                });
    }

    /** A page of work and the total, in work order (see {@link TicketRepository#work}). */
    public record WorkPage(long total, int page, int size, List<TicketView> items) {
    }

    @WithSession
    public Uni<WorkPage> work(List<TicketStatus> statuses, String unitCode, int page, int size) {
        return tickets.countWork(statuses, unitCode).chain(total -> tickets.work(statuses, unitCode, page, size)
                .map(list -> new WorkPage(total, page, size, list.stream().map(TicketView::of).toList())));
    }

    @WithSession
    public Uni<WorkPage> supervised(int page, int size) {
        return tickets.countSupervised().chain(total -> tickets.supervised(page, size)
                .map(list -> new WorkPage(total, page, size, list.stream().map(TicketView::of).toList())));
    }

    @WithSession
    public Uni<List<TimelineEntry>> timeline(String ticketNumber) {
        return tickets.findByNumber(ticketNumber)
                .onItem().ifNull().failWith(() -> new TicketNotFound(ticketNumber))
                .chain(ticket -> TimelineEntry.<TimelineEntry>find("ticketId = ?1 order by version", ticket.id).list());
    }

    /** The step on the timeline and, for every consumer, on ticket-events through the outbox. */
    private Uni<TicketView> record(Ticket ticket, String type, TicketStatus from, String actor, String reason,
            Map<String, Object> data, Instant now) {
        TicketView view = TicketView.of(ticket);
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.ticketId = ticket.id;
        entry.version = ticket.version;
        entry.type = type;
        entry.fromStatus = from;
        entry.toStatus = ticket.status;
        entry.actor = actor;
        entry.reason = reason;
        entry.data = toJson(data);
        entry.responsible = ticket.responsible;
        entry.unitCode = ticket.unitCode;
        entry.occurredAt = now;
        TicketEvent event = new TicketEvent(entry.id, type, ticket.id, ticket.ticketNumber, ticket.version, now, actor,
                view.withMaskedContact());
        return entry.persist()
                .chain(() -> outbox.append(TicketEvent.TOPIC, ticket.id.toString(), event.eventId(), type, now, event))
                .replaceWith(view);
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
