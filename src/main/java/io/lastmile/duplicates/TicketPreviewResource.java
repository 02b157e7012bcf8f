package io.lastmile.duplicates;

import io.lastmile.classify.Classification;
import io.lastmile.platform.Roles;
import io.lastmile.routing.Catalog;
import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.Router;
import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketView;
import io.lastmile.ticket.Urgency;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's preview of a call being typed: the likely matters with their documents, and the
 * open incidents it would join. It routes and compares exactly as intake and detection would, and
 * stores nothing.
 */
@Path("/api/v1/tickets/preview")
@Tag(name = "duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class TicketPreviewResource {

    /** Incidents shown: enough to pick from while typing. */
    static final int MOST_INCIDENTS = 5;
    private static final String NOT_SAVED = "preview";

    /**
     * @param longitude a position the caller gave (WGS-84), with {@code latitude}; optional
     */
    public record PreviewRequest(String text, String address, Double longitude, Double latitude) {
    }

    private final RoutingService routing;
    private final DuplicateCandidates candidates;
    private final DuplicatesConfig config;
    private final TicketQueries tickets;
    private final Clock clock;

    public TicketPreviewResource(RoutingService routing, DuplicateCandidates candidates, DuplicatesConfig config,
            TicketQueries tickets, Clock clock) {
        this.routing = routing;
        this.candidates = candidates;
        this.config = config;
        this.tickets = tickets;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "While a call is typed: its likely matters with their documents, and the open incidents it would join;"
            + " stores nothing")
    public Uni<TicketPreview> preview(PreviewRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new BadRequestException("请填写来电内容 (text is required)");
        }
        if ((request.longitude() == null) != (request.latitude() == null)) {
            throw new BadRequestException("经纬度须同时填写 (longitude and latitude come together)");
        }
        Instant now = clock.instant();
        boolean positioned = request.longitude() != null;
        NewTicket call = new NewTicket(Channel.HOTLINE_12345, NOT_SAVED, now, TicketKind.HELP, Urgency.NORMAL, request.text(),
                request.address(), positioned ? new Location(request.longitude(), request.latitude(), LocationPrecision.EXACT,
                "WGS84", request.longitude(), request.latitude()) : Location.UNKNOWN, null, Map.of(), NOT_SAVED);
        Router.Routed routed = routing.route(call);
        Catalog catalog = routing.snapshot().catalog();
        Classification classification = catalog.classify(request.text(), request.address());
        List<TicketPreview.Matter> matters = classification.candidates().stream()
                .map(c -> catalog.byCode(c.code()).map(item -> matter(item, c.confidence())).orElse(null))
                .filter(m -> m != null).toList();

        Location at = routed.location();
        Report report = new Report(NOT_SAVED, candidates.matterOf(routed.owner().catalogCode(), request.text(), request.address()),
                at == null ? null : at.latitude(), at == null ? null : at.longitude(),
                at != null && at.precision() == LocationPrecision.EXACT, routed.owner().villageCode(), now,
                TextSimilarity.problem(request.text(), request.address(), routed.owner().villageName(), routed.owner().townshipName()));
        return candidates.around(report, config)
                .map(around -> DuplicateRules.matches(report, around, config::ruleFor).stream().limit(MOST_INCIDENTS).toList())
                .chain(matches -> incidents(matches))
                .map(incidents -> new TicketPreview(routed.owner().townshipName(), routed.owner().villageName(),
                        routed.owner().unitName(), classification.code(), matters, incidents));
    }

    private Uni<List<TicketPreview.Incident>> incidents(List<DuplicateRules.Match> matches) {
        if (matches.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> primaries = matches.stream().map(DuplicateRules.Match::incident).toList();
        return tickets.briefs(primaries, null).chain(briefs -> tickets.callersOf(primaries).map(callers -> {
            Map<String, TicketQueries.Brief> byNumber = new HashMap<>();
            briefs.forEach(b -> byNumber.put(b.ticketNumber(), b));
            return matches.stream().map(m -> {
                TicketQueries.Brief primary = byNumber.get(m.incident());
                return new TicketPreview.Incident(m.incident(), callers.getOrDefault(m.incident(), 1), m.score(),
                        m.distanceMeters(), m.place().name(), m.decision().name(),
                        primary == null ? null : primary.status().name(), primary == null ? null : primary.text(),
                        primary == null ? null : primary.receivedAt().atZoneSameInstant(TicketView.SHOWN_IN).toOffsetDateTime().toString());
            }).toList();
        }));
    }

    private static TicketPreview.Matter matter(CatalogItem item, double confidence) {
        return new TicketPreview.Matter(item.code(), item.name(), confidence, item.documents());
    }
}
