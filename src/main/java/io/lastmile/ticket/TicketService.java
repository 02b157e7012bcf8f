package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.outbox.Outbox;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Use cases on the ticket aggregate: load it under the row lock, let it {@link Ticket#handle handle}
 * the command, and save the row, the timeline entry and the outbox event in one transaction.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its meters are on /q/metrics before the first ticket
public class TicketService {

    private final TicketRepository tickets;
    private final TicketNumbers numbers;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Owners owners;
    private final Deadlines deadlines;

    public TicketService(TicketRepository tickets, TicketNumbers numbers, Outbox outbox, Clock clock,
            MeterRegistry metrics, ObjectMapper json, Owners owners, Deadlines deadlines) {
        this.json = json;
        this.owners = owners;
        this.deadlines = deadlines;
        this.tickets = tickets;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        // The business dashboard's series exist from the start, at 0: every channel's receipts and every step.
        for (Channel channel : Channel.values()) {
            metrics.counter("lastmile.tickets.received", "channel", channel.code());
        }
        for (Step step : Step.values()) {
            metrics.counter("lastmile.tickets.steps", "step", step.name());
        }
    }

    /** The result of taking a matter in: the ticket, and whether the source had delivered it before. */
    public record Received(TicketView ticket, boolean duplicate) {
    }

    /**
     * Takes a matter in exactly once, with the owner routing found for it: a repeated delivery (same channel and source id) answers the
     * ticket made the first time, also when two deliveries race (the unique constraint decides).
     */
    public Uni<Received> receive(NewTicket command, Owner owner) {
        return receive(command, owner, null);
    }

    /** A step taken in the same transaction as the receipt, by the one who took the matter in (即办: answered on the phone). */
    public record AtIntake(TicketCommand command, Actor actor) {
    }

    /**
     * As {@link #receive(NewTicket, Owner)}, with a first step taken in the receipt's own
     * transaction, so that no consumer of {@code TicketReceived} (automatic dispatch, say) ever
     * sees the ticket before it: an answer given on the phone closes it as it is taken in.
     */
    public Uni<Received> receive(NewTicket command, Owner owner, AtIntake atIntake) {
        return findExisting(command).chain(existing -> existing != null
                ? Uni.createFrom().item(new Received(TicketView.of(existing), true))
                : numbers.next(clock.instant())
                        .chain(number -> create(command, owner, number, atIntake))
                        .invoke(outbox::publishSoon)
                        .invoke(ticket -> metrics.counter("lastmile.tickets.received", "channel", ticket.channel()).increment())
                        .map(ticket -> new Received(ticket, false))
                        .onFailure(TicketService::isSourceAlreadyTaken)
                        .recoverWithUni(() -> findExisting(command).map(t -> new Received(TicketView.of(t), true))));
    }

    /** One matter of an intake batch, with the owner routing found for it. */
    public record Incoming(NewTicket command, Owner owner) {
    }

    /**
     * A batch of matters from one source, each taken in exactly once as {@link #receive(NewTicket, Owner)}
     * does, at the cost of a few statements for the whole batch: one query finds the sources
     * delivered before, one statement takes the day's numbers, and the rows, timeline entries and
     * events of the rest are written in one transaction (in JDBC batches and one INSERT of events). A
     * source twice in the batch is a repeat of its first. When another replica stored one of them
     * meanwhile (the unique constraint), the batch is taken again one by one. Answers one
     * {@link Received} per matter, in order.
     */
    public Uni<List<Received>> receiveAll(List<Incoming> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Channel channel = batch.get(0).command().channel();
        if (batch.stream().anyMatch(i -> i.command().channel() != channel)) {
            return receiveOneByOne(batch);
        }
        List<String> sourceIds = batch.stream().map(i -> i.command().sourceId()).distinct().toList();
        return findExisting(channel, sourceIds).chain(existing -> {
            Map<String, TicketView> bySource = new java.util.HashMap<>();
            existing.forEach(t -> bySource.put(t.sourceId, TicketView.of(t)));
            List<Incoming> fresh = new ArrayList<>();
            Set<String> taking = new java.util.HashSet<>();
            for (Incoming incoming : batch) {
                if (!bySource.containsKey(incoming.command().sourceId()) && taking.add(incoming.command().sourceId())) {
                    fresh.add(incoming);
                }
            }
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(batch.stream().map(i -> new Received(bySource.get(i.command().sourceId()), true)).toList());
            }
            return numbers.next(clock.instant(), fresh.size())
                    .chain(taken -> createAll(fresh, taken))
                    .invoke(outbox::publishSoon)
                    .map(created -> {
                        created.forEach(ticket -> {
                            bySource.put(ticket.sourceId(), ticket);
                            metrics.counter("lastmile.tickets.received", "channel", ticket.channel()).increment();
                        });
                        // Made now: the first time each fresh source appears; every other appearance is a repeat.
                        Set<String> unanswered = new java.util.HashSet<>(taking);
                        return batch.stream().map(i -> new Received(bySource.get(i.command().sourceId()),
                                !unanswered.remove(i.command().sourceId()))).toList();
                    });
        }).onFailure(TicketService::isSourceAlreadyTaken).recoverWithUni(() -> receiveOneByOne(batch));
    }

    private Uni<List<Received>> receiveOneByOne(List<Incoming> batch) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(i -> receive(i.command(), i.owner()))
                .collect().asList();
    }

    @WithSession
    Uni<List<Ticket>> findExisting(Channel channel, List<String> sourceIds) {
        return tickets.list("channel = ?1 and sourceId in ?2", channel, sourceIds);
    }

    @WithTransaction
    Uni<List<TicketView>> createAll(List<Incoming> fresh, List<String> ticketNumbers) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Ticket> made = new ArrayList<>(fresh.size());
        List<Written> written = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            NewTicket command = fresh.get(i).command();
            NewTicket stored = new NewTicket(command.channel(), command.sourceId(),
                    command.sourceTime().truncatedTo(ChronoUnit.MICROS), command.kind(), command.urgency(), command.text(),
                    command.address(), command.location(), command.contact(), command.extras(), command.actor());
            Ticket ticket = Ticket.receive(UUID.randomUUID(), ticketNumbers.get(i), stored, fresh.get(i).owner(),
                    toJson(command.extras() == null ? Map.of() : command.extras()), now, deadlines);
            made.add(ticket);
            written.add(written(ticket, new StepTaken(null, null, TicketStatus.RECEIVED, command.actor(), null,
                    new TicketChange.TicketReceived(ticket.channel.code(), ticket.sourceId, ticket.receivedBy), now)));
        }
        // Tickets and timeline entries leave in JDBC batches (statement-batch-size), the events in one INSERT.
        return Panache.getSession()
                .chain(session -> session.persistAll(made.toArray()).chain(() -> session.persistAll(
                        written.stream().map(Written::entry).toArray())))
                .chain(() -> outbox.appendAll(written.stream().map(Written::outboxEntry).toList()))
                .replaceWith(() -> made.stream().map(TicketView::of).toList());
    }

    /**
     * One ticket as this reader sees it, with the steps they may take now; a ticket merged into
     * another (an additional caller about the same problem) carries the primary ticket's number and
     * progress under {@code linkedTo}, only its number and status when the primary is outside the
     * reader's scope. Whether the reader may see the ticket itself is the caller's check.
     */
    @WithSession
    public Uni<TicketView> findByNumber(String ticketNumber, Actor reader) {
        return tickets.findByNumber(ticketNumber).chain(t -> {
            if (t == null) {
                return Uni.createFrom().nullItem();
            }
            TicketView view = viewFor(t, reader);
            return t.mergedInto == null ? Uni.createFrom().item(view)
                    : primaryOf(t.mergedInto, MAX_MERGE_HOPS).map(primary -> primary == null ? view
                            : view.linkedTo(reader.scope().covers(primary.reach()) ? TicketView.Link.of(primary)
                                    : TicketView.Link.of(primary).numberAndStatusOnly()));
        });
    }

    /** Whether a ticket exists and is not itself merged: the one primary a merge may point at. */
    @WithSession
    Uni<Ticket> mergeTarget(String ticketNumber) {
        return tickets.findByNumber(ticketNumber);
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
    Uni<TicketView> create(NewTicket command, Owner owner, String ticketNumber, AtIntake atIntake) {
        // The database keeps microseconds; so does the answer, which then equals a later read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        NewTicket stored = new NewTicket(command.channel(), command.sourceId(),
                command.sourceTime().truncatedTo(ChronoUnit.MICROS), command.kind(), command.urgency(), command.text(),
                command.address(), command.location(), command.contact(), command.extras(), command.actor());
        Ticket ticket = Ticket.receive(UUID.randomUUID(), ticketNumber, stored, owner,
                toJson(command.extras() == null ? Map.of() : command.extras()), now, deadlines);
        Uni<TicketView> received = tickets.persist(ticket).chain(saved -> record(saved, new StepTaken(null, null,
                TicketStatus.RECEIVED, command.actor(), null,
                new TicketChange.TicketReceived(saved.channel.code(), saved.sourceId, saved.receivedBy), now)));
        return atIntake == null ? received : received.chain(() -> record(ticket,
                ticket.handle(atIntake.command(), atIntake.actor(), new StepContext(owners, deadlines, now))));
    }

    /**
     * Takes one step on a ticket for {@code actor}, under a row lock so that two people acting at
     * once are serialized: {@code 403} ({@link ActingRefused}) outside the actor's jurisdiction
     * before anything about the ticket is told, then whatever the ticket decides. Answers the ticket
     * as the actor now sees it.
     */
    public Uni<TicketView> handle(String ticketNumber, TicketCommand command, Actor actor) {
        Uni<Void> ready = command instanceof TicketCommand.Merge merge ? requireMergeTarget(merge)
                : Uni.createFrom().voidItem();
        return ready.chain(() -> handleInTransaction(ticketNumber, command, actor)).invoke(outbox::publishSoon)
                // The business dashboard's steps: 派遣, 签收, 退回, 办结, 回访 … as people and the system take them.
                .invoke(() -> metrics.counter("lastmile.tickets.steps", "step", command.step().name()).increment());
    }

    /** The earlier ticket must exist and be a primary: no chains of merged tickets to follow. Read before the merged one is locked. */
    private Uni<Void> requireMergeTarget(TicketCommand.Merge merge) {
        return mergeTarget(merge.intoTicketNumber())
                .onItem().ifNull().failWith(() -> new InvalidCommand("intoTicketNumber",
                        "没有受理单号为 " + merge.intoTicketNumber() + " 的工单 (no ticket to merge into)"))
                .invoke(into -> {
                    if (into.mergedInto != null) {
                        throw new InvalidCommand("intoTicketNumber", "该工单已合并到 " + into.mergedInto
                                + " (that ticket is merged into " + into.mergedInto + "; merge into it instead)");
                    }
                })
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<TicketView> handleInTransaction(String ticketNumber, TicketCommand command, Actor actor) {
        return tickets.find("ticketNumber", ticketNumber).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new TicketNotFound(ticketNumber))
                .chain(ticket -> {
                    if (!actor.scope().covers(ticket.reach())) {
                        throw ActingRefused.outsideJurisdiction(ticketNumber);
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    StepContext context = new StepContext(owners, deadlines, now);
                    StepTaken taken = ticket.handle(command, actor, context);
                    return record(ticket, taken).call(() -> carryToCallers(ticket, command.step(), context))
                            .map(view -> view.withAllowedSteps(ticket.allowedSteps(actor, owners, now)));
                });
    }

    /** The primary's steps its merged callers follow: it changes hands, or gets or loses its result. */
    static final Set<Step> CARRIED_TO_CALLERS = EnumSet.of(Step.DISPATCH, Step.ACCEPT_RETURN, Step.REASSIGN, Step.ESCALATE,
            Step.REDO, Step.RESOLVE, Step.CLOSE);
    static final String WITH_THE_PRIMARY = "incident";

    /**
     * An incident moves as one: in the primary's transaction, each caller's ticket merged into it
     * follows the step (its unit, its result), on its own timeline and in its own event, so that the
     * unit's officials reach every caller and each caller's ticket shows the resolution.
     */
    private Uni<Void> carryToCallers(Ticket primary, Step step, StepContext context) {
        if (!CARRIED_TO_CALLERS.contains(step)) {
            return Uni.createFrom().voidItem();
        }
        return tickets.find("mergedInto = ?1 and status = ?2 order by receivedAt, ticketNumber", primary.ticketNumber,
                        TicketStatus.MERGED).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(callers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Ticket caller : callers) {
                        TicketCommand follow = new TicketCommand.FollowPrimary(primary.ticketNumber, step, primary.status,
                                primary.unitCode, primary.resultText);
                        chain = chain.chain(() -> record(caller, caller.handle(follow, Actor.system(WITH_THE_PRIMARY), context))
                                .replaceWithVoid());
                    }
                    return chain;
                });
    }

    /** A step the service is to take on one of many tickets. */
    public record PlannedStep(String ticketNumber, TicketCommand command) {
    }

    /** What became of a planned step. */
    public enum Outcome {
        /** Taken, on the timeline and on its way to ticket-events. */
        TAKEN,
        /** The ticket refused it (no longer due, another state): nothing written. */
        REFUSED,
        /** Another transaction held the ticket at that moment (or it is gone): try again later. */
        SKIPPED
    }

    /**
     * Takes many steps in one transaction, for the system's clock-driven steps, of which thousands
     * fall due at the same minute when every working-day limit ends at 17:30. The tickets are
     * locked together, each decides its step exactly as in {@link #handle}, and their updates,
     * timeline entries and events are written in a few batched statements instead of five round
     * trips per ticket. A ticket another transaction holds is skipped rather than waited for. An
     * unexpected failure rolls the whole batch back; the caller may then take the steps one by one.
     * Answers one outcome per planned step, in order.
     */
    public Uni<List<Outcome>> handleEach(List<PlannedStep> steps, Actor actor) {
        if (steps.stream().anyMatch(s -> s.command() instanceof TicketCommand.Merge)) {
            throw new IllegalArgumentException("a merge reads its target first: take it with handle");
        }
        return steps.isEmpty() ? Uni.createFrom().item(List.of())
                : handleEachInTransaction(steps, actor).invoke(outbox::publishSoon);
    }

    @WithTransaction
    Uni<List<Outcome>> handleEachInTransaction(List<PlannedStep> steps, Actor actor) {
        List<String> numbers = steps.stream().map(PlannedStep::ticketNumber).distinct().toList();
        return tickets.lockUnlessHeld(numbers).chain(locked -> {
            Map<String, Ticket> byNumber = new java.util.HashMap<>();
            locked.forEach(t -> byNumber.put(t.ticketNumber, t));
            StepContext context = new StepContext(owners, deadlines, clock.instant().truncatedTo(ChronoUnit.MICROS));
            List<Outcome> outcomes = new ArrayList<>(steps.size());
            List<Written> written = new ArrayList<>(steps.size());
            List<Carried> carrying = new ArrayList<>();
            for (PlannedStep step : steps) {
                Ticket ticket = byNumber.get(step.ticketNumber());
                if (ticket == null) {
                    outcomes.add(Outcome.SKIPPED);
                } else if (!actor.scope().covers(ticket.reach())) {
                    outcomes.add(Outcome.REFUSED);
                } else {
                    try {
                        written.add(written(ticket, ticket.handle(step.command(), actor, context)));
                        outcomes.add(Outcome.TAKEN);
                        if (CARRIED_TO_CALLERS.contains(step.command().step())) {
                            carrying.add(new Carried(ticket, step.command().step()));
                        }
                    } catch (StepRefused | ActingRefused refused) {
                        // Thrown before the ticket changes anything.
                        outcomes.add(Outcome.REFUSED);
                    }
                }
            }
            return written.isEmpty() ? Uni.createFrom().item(outcomes)
                    // Ticket updates and timeline inserts leave in JDBC batches (statement-batch-size), the events in one INSERT.
                    : Panache.getSession().chain(session -> session.persistAll(written.stream().map(Written::entry).toArray()))
                            .chain(() -> outbox.appendAll(written.stream().map(Written::outboxEntry).toList()))
                            .chain(() -> carryAllToCallers(carrying, context))
                            .replaceWith(outcomes);
        });
    }

    /** A step a primary took in a batch (an escalation by the clock), for its callers to follow. */
    private record Carried(Ticket primary, Step step) {
    }

    private Uni<Void> carryAllToCallers(List<Carried> carried, StepContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Carried c : carried) {
            chain = chain.chain(() -> carryToCallers(c.primary(), c.step(), context));
        }
        return chain;
    }

    /** The ticket as this reader sees it, with the steps they may take now. */
    private TicketView viewFor(Ticket ticket, Actor reader) {
        return TicketView.of(ticket).withAllowedSteps(ticket.allowedSteps(reader, owners, clock.instant()));
    }

    /** A page of work and the total, in work order (see {@link TicketRepository#work}). */
    public record WorkPage(long total, int page, int size, List<TicketView> items) {
    }

    /** A page of tickets in the given states, optionally of one unit, each with the steps this reader may take. */
    @WithSession
    public Uni<WorkPage> work(List<TicketStatus> statuses, String unitCode, int page, int size, Actor reader) {
        return tickets.countWork(statuses, unitCode).chain(total -> tickets.work(statuses, unitCode, page, size)
                .chain(list -> withIncidents(list, reader)).map(items -> new WorkPage(total, page, size, items)));
    }

    /** Each ticket of a list with the steps this reader may take, and a primary with its incident's callers. */
    private Uni<List<TicketView>> withIncidents(List<Ticket> list, Actor reader) {
        return tickets.linkedTo(list.stream().map(t -> t.ticketNumber).toList()).map(linked -> list.stream()
                .map(t -> viewFor(t, reader).withIncident(linked.getOrDefault(t.ticketNumber, List.of()))).toList());
    }

    @WithSession
    public Uni<WorkPage> supervised(int page, int size, Actor reader) {
        return tickets.countSupervised().chain(total -> tickets.supervised(page, size)
                .chain(list -> withIncidents(list, reader)).map(items -> new WorkPage(total, page, size, items)));
    }

    @WithSession
    public Uni<List<TimelineEntry>> timeline(String ticketNumber) {
        return tickets.findByNumber(ticketNumber)
                .onItem().ifNull().failWith(() -> new TicketNotFound(ticketNumber))
                .chain(ticket -> TimelineEntry.<TimelineEntry>find("ticketId = ?1 order by version", ticket.id).list());
    }

    /** The step on the timeline and, for every consumer, on ticket-events through the outbox. */
    private Uni<TicketView> record(Ticket ticket, StepTaken taken) {
        Written written = written(ticket, taken);
        return written.entry().persist().chain(() -> outbox.append(written.outboxEntry().topic(),
                written.outboxEntry().key(), written.outboxEntry().eventId(), written.outboxEntry().type(),
                written.outboxEntry().occurredAt(), written.outboxEntry().event())).replaceWith(TicketView.of(ticket));
    }

    /** What one step writes: its timeline entry and its event. */
    private record Written(TimelineEntry entry, Outbox.Entry outboxEntry) {
    }

    private Written written(Ticket ticket, StepTaken taken) {
        String type = taken.change().type();
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.ticketId = ticket.id;
        entry.version = ticket.version;
        entry.type = type;
        entry.fromStatus = taken.from();
        entry.toStatus = taken.to();
        entry.actor = taken.actor();
        entry.reason = taken.reason();
        entry.data = timelineData(taken.change());
        entry.responsible = ticket.responsible;
        entry.unitCode = ticket.unitCode;
        entry.occurredAt = taken.at();
        entry.stageDeadline = ticket.deadline;
        TicketEvent event = new TicketEvent(TicketEvent.SCHEMA_VERSION, entry.id, type, ticket.id, ticket.ticketNumber,
                ticket.version, taken.at(), taken.actor(), taken.reason(), taken.change(), TicketSnapshots.of(ticket));
        return new Written(entry, new Outbox.Entry(TicketEvent.TOPIC, ticket.id.toString(), event.eventId(), type,
                taken.at(), event));
    }

    /** The event's own fields, as the timeline shows them beside its type. */
    private String timelineData(TicketChange change) {
        return timelineData(json, change);
    }

    /** The event's own fields without its type, as every timeline entry stores them (BulkCards too). */
    static String timelineData(ObjectMapper json, TicketChange change) {
        ObjectNode data = json.valueToTree(change);
        data.remove("type");
        return data.toString();
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
