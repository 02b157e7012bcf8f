package io.lastmile.ticket;

import java.time.Instant;
import java.util.Map;

/**
 * The one command every intake path ends in: a source's matter, normalized.
 *
 * @param channel    where it came from
 * @param sourceId   the source's own id (the idempotency key within the channel)
 * @param sourceTime when the source says it happened or was reported
 * @param kind       what kind of matter
 * @param urgency    how soon someone must act
 * @param text       what the citizen said or the inspector wrote (a kiosk press has a generated one)
 * @param address    where, as free text, or null
 * @param location   the point, its precision and the position as sent
 * @param contact    whom to call back
 * @param extras     what only this channel has (12315 respondent, 12369 pollution type, urban codes, kiosk device)
 * @param actor      who takes it in: an operator's user name or the source system
 */
public record NewTicket(Channel channel, String sourceId, Instant sourceTime, TicketKind kind, Urgency urgency,
        String text, String address, Location location, Contact contact, Map<String, Object> extras, String actor) {

    /** The same matter with the location routing derived (a village or township centre when none was sent). */
    public NewTicket withLocation(Location derived) {
        return new NewTicket(channel, sourceId, sourceTime, kind, urgency, text, address, derived, contact, extras, actor);
    }
}
