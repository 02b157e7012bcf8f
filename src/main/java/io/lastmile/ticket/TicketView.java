package io.lastmile.ticket;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A ticket as the API, the events and every screen show it. Times are in Asia/Shanghai, the
 * zone in which operators read them to callers.
 */
public record TicketView(UUID id, String ticketNumber, String channel, String sourceId, String status, String kind,
        String urgency, String text, String address, OffsetDateTime sourceTime, OffsetDateTime receivedAt,
        String receivedBy, int version) {

    public static final ZoneId SHOWN_IN = ZoneId.of("Asia/Shanghai");

    public static TicketView of(Ticket t) {
        return new TicketView(t.id, t.ticketNumber, t.channel.code(), t.sourceId, t.status.name(), t.kind,
                t.urgency.name(), t.text, t.address, t.sourceTime.atZone(SHOWN_IN).toOffsetDateTime(),
                t.receivedAt.atZone(SHOWN_IN).toOffsetDateTime(), t.receivedBy, t.version);
    }
}
