package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketQueries.ForTiles;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.TicketView;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KPI tiles of a screen, counted from the read side until the KPI capability lands: today's
 * tickets by channel, the open tickets with yellow and red cards, and three rates over the last
 * {@link #RATE_PERIOD}: 签收率 (dispatched tickets signed for), 按时办结率 (resolved tickets that
 * never went red) and 满意率 (revisits that were not unsatisfied).
 */
final class ScreenTiles {

    static final Duration RATE_PERIOD = Duration.ofDays(30);

    private static final Set<TicketStatus> OPEN = EnumSet.copyOf(TicketQueries.OPEN);
    private static final Set<TicketStatus> NOT_DISPATCHED = EnumSet.of(TicketStatus.RECEIVED, TicketStatus.REGISTERED,
            TicketStatus.MERGED);
    private static final Set<TicketStatus> NOT_SIGNED_FOR = EnumSet.of(TicketStatus.DISPATCHED, TicketStatus.RETURNED);
    private static final Set<TicketStatus> RESOLVED = EnumSet.of(TicketStatus.RESOLVED, TicketStatus.VERIFIED,
            TicketStatus.CLOSED, TicketStatus.REVISITED);

    private ScreenTiles() {
    }

    /** The tiles of the tickets within {@code scope}, counted at {@code now}. */
    static ObjectNode of(List<ForTiles> tickets, TicketScope scope, Instant now, ObjectMapper json) {
        LocalDate today = now.atZone(TicketView.SHOWN_IN).toLocalDate();
        Instant periodStart = now.minus(RATE_PERIOD);
        TreeMap<String, Integer> todayByChannel = new TreeMap<>();
        int received = 0, open = 0, yellow = 0, red = 0;
        int dispatched = 0, signedFor = 0, resolved = 0, resolvedInTime = 0, revisited = 0, satisfied = 0;
        for (ForTiles t : tickets) {
            if (!scope.covers(t.reach())) {
                continue;
            }
            if (t.receivedAt().atZone(TicketView.SHOWN_IN).toLocalDate().equals(today)) {
                todayByChannel.merge(t.channel(), 1, Integer::sum);
                received++;
            }
            if (OPEN.contains(t.status())) {
                open++;
                yellow += t.card() == Card.YELLOW ? 1 : 0;
                red += t.card() == Card.RED ? 1 : 0;
            }
            if (t.receivedAt().isBefore(periodStart)) {
                continue;
            }
            if (!NOT_DISPATCHED.contains(t.status())) {
                dispatched++;
                signedFor += NOT_SIGNED_FOR.contains(t.status()) ? 0 : 1;
            }
            if (RESOLVED.contains(t.status())) {
                resolved++;
                resolvedInTime += t.card() == Card.RED ? 0 : 1;
            }
            if (t.satisfaction() != null) {
                revisited++;
                satisfied += TicketCommand.Revisit.UNSATISFIED.contains(t.satisfaction()) ? 0 : 1;
            }
        }
        ObjectNode tiles = json.createObjectNode();
        tiles.put("today", received);
        ObjectNode byChannel = tiles.putObject("todayByChannel");
        todayByChannel.forEach(byChannel::put);
        tiles.put("open", open);
        tiles.put("openYellow", yellow);
        tiles.put("openRed", red);
        putRate(tiles, "signForRate", signedFor, dispatched);
        putRate(tiles, "onTimeRate", resolvedInTime, resolved);
        putRate(tiles, "satisfactionRate", satisfied, revisited);
        tiles.put("rateDays", RATE_PERIOD.toDays());
        return tiles;
    }

    /** A share in per cent with one decimal, or null when there is nothing to divide. */
    private static void putRate(ObjectNode tiles, String name, int part, int whole) {
        if (whole == 0) {
            tiles.putNull(name);
        } else {
            tiles.put(name, Math.round(part * 1000.0 / whole) / 10.0);
        }
    }
}
