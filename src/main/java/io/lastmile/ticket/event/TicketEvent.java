package io.lastmile.ticket.event;

import io.lastmile.ticket.PersonalNumbers;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event on {@code ticket-events} (docs/events.md): enough for a consumer to
 * work from the event alone. One ticket's events share a Kafka key (the ticket id) and arrive in
 * order; delivery is at least once, so a consumer skips an {@code eventId} it has handled, or any
 * {@code version} not newer than the one it holds.
 *
 * @param schemaVersion the event schema's version: {@value #SCHEMA_VERSION} (1 carried the REST view as {@code ticket})
 * @param eventId       unique per event
 * @param type          past tense, the {@link TicketChange} type: {@code TicketReceived}, …
 * @param ticketId      the Kafka key, so one ticket's events stay in order
 * @param ticketNumber  the number people use
 * @param version       the ticket's version after this event: 1 for {@code TicketReceived}, one more per event
 * @param occurredAt    when it happened
 * @param actor         who did it: an account, a source system or the service's own job
 * @param reason        why, for the steps that have a reason, else absent
 * @param change        what this event changed, in the type's own fields
 * @param ticket        the ticket's state after the event, contacts masked
 */
public record TicketEvent(int schemaVersion, UUID eventId, String type, UUID ticketId, String ticketNumber, int version,
        Instant occurredAt, String actor, String reason, TicketChange change, TicketSnapshot ticket) {

    /** The topic all ticket events leave on. */
    public static final String TOPIC = "ticket-events";

    /** The schema this build writes. */
    public static final int SCHEMA_VERSION = 2;

    /**
     * Numbers that people type into a reason, an answer, a result or a report (phones, ID and card
     * numbers) leave masked, like those in the snapshot: every consumer of the topic reads the event.
     */
    public TicketEvent {
        reason = PersonalNumbers.mask(reason);
        change = masked(change);
    }

    /** The change with each of its text fields masked (a change is a record of plain fields). */
    static TicketChange masked(TicketChange change) {
        if (change == null || !change.getClass().isRecord()) {
            return change;
        }
        RecordComponent[] components = change.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean masked = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(change);
                if (values[i] instanceof String text) {
                    String hidden = PersonalNumbers.mask(text);
                    masked |= !hidden.equals(text);
                    values[i] = hidden;
                }
            }
            return masked ? (TicketChange) change.getClass().getDeclaredConstructor(types).newInstance(values) : change;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a ticket change that is not a plain record: " + change.getClass(), e);
        }
    }
}
