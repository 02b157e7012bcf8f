package io.lastmile.ticket;

import java.time.Instant;

/**
 * The one command every intake path ends in: a source's matter, normalized.
 *
 * @param channel    where it came from
 * @param sourceId   the source's own id (the idempotency key within the channel)
 * @param sourceTime when the source says it happened or was reported
 * @param kind       the source's kind of matter (咨询, 投诉, …), or null
 * @param urgency    how soon someone must act
 * @param text       what the citizen said or the inspector wrote
 * @param address    where, as free text, or null
 * @param actor      who takes it in: an operator's user name or the source system
 */
public record NewTicket(Channel channel, String sourceId, Instant sourceTime, String kind, Urgency urgency, String text,
        String address, String actor) {
}
