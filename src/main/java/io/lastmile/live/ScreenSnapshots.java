package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.kpi.LiveKpis;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketQueries.OnScreen;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.event.TicketSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a screen gets first: the open tickets within its reach as the map and the queue draw them,
 * each primary with its callers (an incident: the ticket and those merged into it, 合并), and the
 * KPI tiles. Beyond {@link LiveConfig#snapshotTicketLimit()} open tickets the map part is counted per
 * village instead, and only the head of the queue comes as tickets, so that a backlog still loads
 * in a second.
 */
@ApplicationScoped
public class ScreenSnapshots {

    private final TicketQueries queries;
    private final LiveKpis kpis;
    private final ObjectMapper json;
    private final ScreenMessages messages;
    private final Clock clock;
    private final int ticketLimit;
    private final int queueHead;

    @Inject
    public ScreenSnapshots(TicketQueries queries, LiveKpis kpis, ObjectMapper json, Clock clock, LiveConfig config) {
        this(queries, kpis, json, clock, config.snapshotTicketLimit(), config.snapshotQueueHead());
    }

    ScreenSnapshots(TicketQueries queries, LiveKpis kpis, ObjectMapper json, Clock clock, int ticketLimit, int queueHead) {
        this.queries = queries;
        this.kpis = kpis;
        this.json = json;
        this.messages = new ScreenMessages(json);
        this.clock = clock;
        this.ticketLimit = ticketLimit;
        this.queueHead = queueHead;
    }

    /** The snapshot message ({@code snapshot} or {@code resync}) with its cursor: where the screen's deltas start. */
    Uni<String> snapshot(String type, TicketScope scope, FeedCursor cursor) {
        return queries.openForScreens().chain(open -> tiles(scope).map(tiles -> {
            ObjectNode message = json.createObjectNode();
            message.put("type", type);
            message.put("at", clock.instant().toString());
            fill(message, open, scope);
            message.set("tiles", tiles);
            message.put("cursor", cursor.toString());
            return message.toString();
        }));
    }

    /** The tiles of the tickets within {@code scope}. */
    Uni<ObjectNode> tiles(TicketScope scope) {
        return tilesOf(List.of(scope)).map(tiles -> tiles.get(scope));
    }

    /** The tiles of several scopes (every screen's tiles, refreshed at once), from the live KPIs: nothing is read again. */
    Uni<Map<TicketScope, ObjectNode>> tilesOf(List<TicketScope> scopes) {
        Map<TicketScope, ObjectNode> tiles = new HashMap<>();
        for (TicketScope scope : scopes) {
            tiles.computeIfAbsent(scope, s -> ScreenTiles.of(kpis.tiles(s), json));
        }
        return Uni.createFrom().item(tiles);
    }

    /** The snapshot's tickets (or their count per village), its incidents' callers, from every open ticket. */
    void fill(ObjectNode message, List<OnScreen> all, TicketScope scope) {
        List<OnScreen> visible = all.stream().filter(t -> scope.covers(t.ticket().reach())).toList();
        Set<String> primaries = visible.stream().filter(t -> t.ticket().status() != TicketStatus.MERGED)
                .map(t -> t.ticket().ticketNumber()).collect(Collectors.toSet());
        List<OnScreen> open = new ArrayList<>();
        ArrayNode merged = message.putArray("merged");
        for (OnScreen t : visible) {
            if (t.ticket().status() != TicketStatus.MERGED) {
                open.add(t);
            } else if (primaries.contains(t.ticket().mergedInto())) {
                merged.addObject().put("ticketNumber", t.ticket().ticketNumber()).put("mergedInto", t.ticket().mergedInto());
            }
        }
        open.sort(QUEUE_ORDER);
        boolean aggregated = open.size() > ticketLimit;
        message.put("openTickets", open.size());
        message.put("aggregated", aggregated);
        ArrayNode tickets = message.putArray("tickets");
        for (OnScreen t : aggregated ? open.subList(0, queueHead) : open) {
            tickets.add(messages.ticket(t.ticket()).put("pickedUp", t.pickedUp()));
        }
        if (aggregated) {
            message.set("villages", villages(open));
        }
    }

    /** Open tickets counted per village (per township where no village is known), at the mean of their points. */
    private ArrayNode villages(List<OnScreen> open) {
        Map<String, List<TicketSnapshot>> byPlace = new LinkedHashMap<>();
        for (OnScreen t : open) {
            TicketSnapshot s = t.ticket();
            if (s.location() == null || s.location().latitude() == null || s.location().precision() == LocationPrecision.NONE) {
                continue;
            }
            String place = s.villageCode() != null ? s.villageCode() : s.townshipCode() != null ? s.townshipCode() : "?";
            byPlace.computeIfAbsent(place, p -> new ArrayList<>()).add(s);
        }
        ArrayNode villages = json.createArrayNode();
        byPlace.forEach((code, tickets) -> {
            TicketSnapshot first = tickets.get(0);
            ObjectNode village = villages.addObject();
            village.put("code", code);
            village.put("name", first.villageCode() != null ? first.township() + first.village() : first.township());
            village.put("latitude", tickets.stream().mapToDouble(s -> s.location().latitude()).average().orElse(0));
            village.put("longitude", tickets.stream().mapToDouble(s -> s.location().longitude()).average().orElse(0));
            village.put("count", tickets.size());
            village.put("red", tickets.stream().filter(s -> s.timeLimits().card() == Card.RED).count());
            village.put("yellow", tickets.stream().filter(s -> s.timeLimits().card() == Card.YELLOW).count());
        });
        return villages;
    }

    /**
     * Which tickets a counted snapshot carries for the queue: unanswered RED kiosk presses first
     * (someone is waiting on the line), then the newest; the page pins the five oldest presses and
     * shows the newest after them.
     */
    static final Comparator<OnScreen> QUEUE_ORDER = Comparator
            .comparing((OnScreen t) -> !(t.ticket().kind() == TicketKind.KIOSK_RED && !t.pickedUp()))
            .thenComparing(t -> t.ticket().receivedAt(), Comparator.nullsLast(Comparator.reverseOrder()));
}
