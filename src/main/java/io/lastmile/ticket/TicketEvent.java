package io.lastmile.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event on {@code ticket-events}: enough for a consumer to work from the
 * event alone. Consumers drop an {@code eventId} they have seen and never apply a {@code version}
 * older than the one they hold.
 *
 * @param eventId      unique per event
 * @param type         past tense: {@code TicketReceived}, …
 * @param ticketId     the Kafka key, so one ticket's events stay in order
 * @param ticketNumber the number people use
 * @param version      the ticket's version after this event
 * @param occurredAt   when it happened
 * @param actor        who did it
 * @param ticket       the ticket's public view after the event
 */
public record TicketEvent(UUID eventId, String type, UUID ticketId, String ticketNumber, int version,
        Instant occurredAt, String actor, TicketView ticket) {

    /** The topic all ticket events leave on. */
    public static final String TOPIC = "ticket-events";

    public static final String RECEIVED = "TicketReceived";
}
