package io.lastmile.ticket;

import io.lastmile.TestStack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link BulkCards} writes the card steps as SQL for speed; the model stays the judge. For tickets
 * in every kind of situation (a running clock, a paused one, a card already raised, a state that
 * takes no card, a moment not yet passed, a unit's stage and the queue), the statement cards
 * exactly the tickets the model would card, and leaves each as the model would: card, version,
 * supervision, the escalation clock, one timeline entry by the watch.
 */
@QuarkusTest
class BulkCardsAgreeWithTheModelTest {

    @Inject
    TestStack stack;

    @Inject
    BulkCards bulkCards;

    @Inject
    TicketRepository repository;

    @Inject
    Owners owners;

    @Inject
    Deadlines deadlines;

    private static final Actor WATCH = Actor.system("system:time-limits");

    /** status, card, paused, yellow moment, red moment (seconds from now; null for none). */
    private record Situation(String status, String card, boolean paused, Integer yellowIn, Integer redIn) {
    }

    private static final List<Situation> SITUATIONS = List.of(
            new Situation("RECEIVED", "NONE", false, -60, 3600),       // queue clock: yellow due
            new Situation("IN_PROGRESS", "NONE", false, -60, 3600),    // unit's stage: yellow due
            new Situation("IN_PROGRESS", "NONE", true, -60, 3600),     // paused: nothing
            new Situation("IN_PROGRESS", "YELLOW", false, -60, 3600),  // yellow already raised
            new Situation("SIGNED_FOR", "NONE", false, 3600, 7200),    // not yet
            new Situation("RESOLVED", "NONE", false, -60, 3600),       // a state that takes no card
            new Situation("RETURNED", "NONE", false, -60, 3600),       // back in the queue: its clock runs
            new Situation("DISPATCHED", "YELLOW", false, -7200, -60),  // unit's stage overdue: red, escalation clock
            new Situation("RECEIVED", "NONE", false, -7200, -60),      // queue overdue: red straight away, no escalation
            new Situation("CLOSED", "NONE", false, -7200, -60),        // feedback clock overdue
            new Situation("IN_PROGRESS", "RED", false, -7200, -60),    // red already raised
            new Situation("WAITING_FOR_DOCUMENTS", "NONE", true, -7200, -60)); // paused overdue: nothing

    @Test
    void theStatementCardsExactlyWhatTheModelWouldAndLeavesEachTicketAsTheModelWould() throws Throwable {
        // All as if three hours from now: the running watch never finds these due, so it cannot take a step first.
        Instant now = Instant.now().plusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        java.sql.Timestamp then = java.sql.Timestamp.from(now);
        List<String> numbers = new ArrayList<>();
        try (Connection connection = stack.database();
             PreparedStatement set = connection.prepareStatement("UPDATE ticket SET status = ?, card = ?,"
                     + " paused_at = CASE WHEN ? THEN now() END, yellow_at = ?::timestamptz + ? * interval '1 second',"
                     + " red_at = ?::timestamptz + ? * interval '1 second', escalate_at = NULL, supervised = false"
                     + " WHERE ticket_number = ?")) {
            for (Situation s : SITUATIONS) {
                String number = as("operator").contentType(ContentType.JSON)
                        .body("{\"text\": \"批量亮牌与模型一致 %s\", \"kind\": \"咨询\"}".formatted(UUID.randomUUID()))
                        .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
                set.setString(1, s.status());
                set.setString(2, s.card());
                set.setBoolean(3, s.paused());
                set.setTimestamp(4, then);
                set.setInt(5, s.yellowIn());
                set.setTimestamp(6, then);
                set.setInt(7, s.redIn());
                set.setString(8, number);
                assertEquals(1, set.executeUpdate());
                numbers.add(number);
            }
        }
        // What the model decides for each, on a copy of the ticket.
        List<Ticket> expected = new ArrayList<>();
        List<String> expectYellow = new ArrayList<>();
        List<String> expectRed = new ArrayList<>();
        for (String number : numbers) {
            Ticket ticket = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findByNumber(number)));
            var allowed = ticket.allowedSteps(WATCH, owners, now);
            if (allowed.contains(Step.RAISE_RED_CARD)) {
                ticket.handle(new TicketCommand.RaiseRedCard(), WATCH, new StepContext(owners, deadlines, now));
                expectRed.add(number);
            } else if (allowed.contains(Step.RAISE_YELLOW_CARD)) {
                ticket.handle(new TicketCommand.RaiseYellowCard(), WATCH, new StepContext(owners, deadlines, now));
                expectYellow.add(number);
            }
            expected.add(ticket);
        }
        assertEquals(3, expectYellow.size(), "the situations cover yellow cards: " + expectYellow);
        assertEquals(3, expectRed.size(), "and red ones: " + expectRed);

        List<String> red = VertxContextSupport.subscribeAndAwait(() -> bulkCards.raise(Card.RED, numbers, WATCH, now));
        List<String> yellow = VertxContextSupport.subscribeAndAwait(() -> bulkCards.raise(Card.YELLOW, numbers, WATCH, now));
        assertEquals(new java.util.HashSet<>(expectRed), new java.util.HashSet<>(red), "red exactly where the model would");
        assertEquals(new java.util.HashSet<>(expectYellow), new java.util.HashSet<>(yellow), "yellow exactly where the model would");

        try (Connection connection = stack.database();
             PreparedStatement read = connection.prepareStatement("SELECT card, version, supervised, escalate_at,"
                     + " (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id AND e.type IN ('YellowCardRaised', 'RedCardRaised')"
                     + "   AND e.actor = 'system:time-limits' AND e.version = t.version) AS card_steps"
                     + " FROM ticket t WHERE ticket_number = ?")) {
            for (Ticket model : expected) {
                read.setString(1, model.ticketNumber);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    String label = model.ticketNumber + " (" + SITUATIONS.get(numbers.indexOf(model.ticketNumber)) + ")";
                    assertEquals(model.card.name(), row.getString("card"), label);
                    assertEquals(model.version, row.getInt("version"), label);
                    assertEquals(model.supervised, row.getBoolean("supervised"), label);
                    assertEquals(model.escalateAt != null, row.getTimestamp("escalate_at") != null, label);
                    boolean carded = expectRed.contains(model.ticketNumber) || expectYellow.contains(model.ticketNumber);
                    assertEquals(carded ? 1 : 0, row.getInt("card_steps"), label);
                }
            }
        }
    }
}
