package io.lastmile.duplicates;

import io.lastmile.platform.ProblemMappers;
import io.lastmile.platform.Roles;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import io.lastmile.ticket.TicketCommand;
import io.lastmile.ticket.TicketNotFound;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Similar tickets of one ticket, and a dispatcher's answer to a suggestion: accept (the later
 * ticket is merged into the earlier one, on the timeline as 合并) or dismiss. An automatic link is
 * undone with {@code POST /api/v1/tickets/{number}/unmerge}.
 */
@Path("/api/v1/tickets/{number}/similar")
@Tag(name = "duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class SimilarTicketsResource {

    private final DuplicateCandidates candidates;
    private final TicketService tickets;
    private final TicketQueries ticketQueries;
    private final Viewers viewers;

    public SimilarTicketsResource(DuplicateCandidates candidates, TicketService tickets, TicketQueries ticketQueries,
            Viewers viewers) {
        this.candidates = candidates;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.viewers = viewers;
    }

    /** The suggestion named in the path does not exist: {@code 404} naming {@code other}. */
    static final class NoSuchSuggestion extends RuntimeException {
        NoSuchSuggestion(String message) {
            super(message);
        }
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The tickets linked with this one and the candidates, each with its score and whether it is linked")
    public Uni<SimilarTickets> similar(@PathParam("number") String number) {
        Viewer viewer = viewers.current();
        return existing(number, viewer).invoke(viewer::requireCovers).chain(ticket -> candidates.of(number).chain(pairs -> {
            List<String> others = pairs.stream().map(p -> p.ticketNumber().equals(number) ? p.candidateNumber() : p.ticketNumber()).toList();
            return ticketQueries.briefs(others, number).map(briefs -> {
                Map<String, TicketQueries.Brief> byNumber = new HashMap<>();
                briefs.forEach(b -> byNumber.put(b.ticketNumber(), b));
                List<SimilarTickets.Item> items = new ArrayList<>();
                for (DuplicateCandidates.Stored p : pairs) {
                    boolean earlier = p.ticketNumber().equals(number);
                    String other = earlier ? p.candidateNumber() : p.ticketNumber();
                    TicketQueries.Brief brief = byNumber.get(other);
                    if (brief != null && !viewer.scope().covers(brief.reach())) {
                        // Within 150 m can be across a township border: an official sees only their side.
                        continue;
                    }
                    boolean linked = earlier ? other.equals(ticket.mergedInto())
                            : brief != null && number.equals(brief.mergedInto());
                    items.add(item(other, earlier ? "EARLIER" : "LATER", p.score(), p.textSimilarity(), p.distanceMeters(),
                            p.decision(), linked, brief));
                }
                // Merges a dispatcher made without a suggestion are links too.
                briefs.stream().filter(b -> number.equals(b.mergedInto()) && !others.contains(b.ticketNumber()))
                        .filter(b -> viewer.scope().covers(b.reach()))
                        .forEach(b -> items.add(item(b.ticketNumber(), "LATER", null, null, null, "MANUAL", true, b)));
                if (ticket.mergedInto() != null && !others.contains(ticket.mergedInto())) {
                    items.add(item(ticket.mergedInto(), "EARLIER", null, null, null, "MANUAL", true, null));
                }
                return new SimilarTickets(number, ticket.mergedInto(), items);
            });
        }));
    }

    @POST
    @Path("/{other}/accept")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Accept a suggestion: the later ticket is merged into the earlier one (合并)")
    public Uni<TicketView> accept(@PathParam("number") String number, @PathParam("other") String other) {
        Viewer who = viewers.current();
        return pair(number, other).chain(pair -> existing(pair.candidateNumber(), who)
                // Join the problem's primary ticket, not a ticket merged into it.
                .map(earlier -> earlier.mergedInto() != null ? earlier.mergedInto() : earlier.ticketNumber())
                .chain(primary -> tickets.handle(pair.ticketNumber(), new TicketCommand.Merge(primary,
                        "调度员确认为同一问题 (a dispatcher accepted the suggestion)"), who.actor()))
                .map(who::contactAsAllowed)
                .call(() -> candidates.decide(pair.ticketNumber(), pair.candidateNumber(), "ACCEPTED", who.username())));
    }

    @POST
    @Path("/{other}/dismiss")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Dismiss a suggestion: the two tickets are different problems")
    public Uni<Response> dismiss(@PathParam("number") String number, @PathParam("other") String other) {
        String who = viewers.current().username();
        return pair(number, other)
                .call(pair -> candidates.decide(pair.ticketNumber(), pair.candidateNumber(), "DISMISSED", who))
                .replaceWith(Response.noContent().build());
    }

    private Uni<TicketView> existing(String number, Viewer viewer) {
        return tickets.findByNumber(number, viewer.actor()).onItem().ifNull().failWith(() -> new TicketNotFound(number));
    }

    private Uni<DuplicateCandidates.Stored> pair(String number, String other) {
        return candidates.pair(number, other).map(pair -> pair.orElseThrow(() -> new NoSuchSuggestion(
                "没有 " + number + " 与 " + other + " 的相似记录 (" + other + " is not a candidate of " + number + ")")));
    }

    private static SimilarTickets.Item item(String other, String relation, Double score, Double text, Double distance,
            String decision, boolean linked, TicketQueries.Brief brief) {
        return new SimilarTickets.Item(other, relation, score, text, distance, decision, linked,
                brief == null ? null : brief.status().name(), brief == null ? null : brief.text(),
                brief == null ? null : brief.receivedAt().atZoneSameInstant(TicketView.SHOWN_IN).toOffsetDateTime().toString());
    }

    @ServerExceptionMapper
    public Response noSuchSuggestion(NoSuchSuggestion missing) {
        return ProblemMappers.fieldProblem(404, "Not found", "other", missing.getMessage());
    }
}
