package io.lastmile.intake;

import io.lastmile.TestStack;
import io.lastmile.intake.IntakeService.Outcome;
import io.lastmile.intake.IntakeService.TopicRecord;
import io.lastmile.ticket.Channel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll of an intake topic taken in as one batch: every valid record becomes exactly one ticket
 * (with one timeline entry and one event), a record delivered before or twice in the batch answers
 * the ticket made the first time, and a record that cannot be read becomes a dead letter without
 * holding up the others.
 */
@QuarkusTest
class IntakeBatchTest {

    @Inject
    IntakeService intake;

    @Inject
    TestStack stack;

    @Test
    void aBatchStoresEachSourceOnceAndDeadLettersOnlyTheBadRecord() throws Throwable {
        Samples.Fresh before = Samples.fresh("12345");
        Outcome earlier = VertxContextSupport.subscribeAndAwait(() ->
                intake.acceptFromTopic(Channel.HOTLINE_12345, before.sourceId(), before.bytes(), false));
        Samples.Fresh first = Samples.fresh("12345");
        Samples.Fresh second = Samples.fresh("12345");
        byte[] unreadable = "{\"gdbh\": ".getBytes(StandardCharsets.UTF_8);

        List<Outcome> outcomes = VertxContextSupport.subscribeAndAwait(() -> intake.acceptAllFromTopic(Channel.HOTLINE_12345,
                List.of(record(first), record(before), new TopicRecord("bad", unreadable, false), record(first), record(second))));

        assertEquals(5, outcomes.size());
        Outcome madeFirst = outcomes.get(0), again = outcomes.get(1), dead = outcomes.get(2), repeat = outcomes.get(3),
                madeSecond = outcomes.get(4);
        assertFalse(madeFirst.received().duplicate());
        assertTrue(again.received().duplicate(), "delivered before the batch");
        assertEquals(earlier.received().ticket().ticketNumber(), again.received().ticket().ticketNumber());
        assertNull(dead.received());
        assertNotNull(dead.deadLetter(), "the unreadable record is a dead letter");
        assertTrue(repeat.received().duplicate(), "twice in one batch: the second is a repeat of the first");
        assertEquals(madeFirst.received().ticket().ticketNumber(), repeat.received().ticket().ticketNumber());
        assertFalse(madeSecond.received().duplicate());

        // The batch's numbers are the day's next two, in the batch's order.
        String a = madeFirst.received().ticket().ticketNumber(), b = madeSecond.received().ticket().ticketNumber();
        assertEquals(Integer.parseInt(a.substring(a.lastIndexOf('-') + 1)) + 1, Integer.parseInt(b.substring(b.lastIndexOf('-') + 1)));

        for (Samples.Fresh source : List.of(before, first, second)) {
            assertEquals(1, count("SELECT count(*) FROM ticket WHERE channel = '12345' AND source_id = ?", source.sourceId()));
            assertEquals(1, count("SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                    + " WHERE t.source_id = ? AND e.type = 'TicketReceived'", source.sourceId()));
            assertEquals(1, count("SELECT count(*) FROM outbox_event o JOIN ticket t ON o.record_key = t.id::text"
                    + " WHERE t.source_id = ? AND o.event_type = 'TicketReceived'", source.sourceId()));
        }
    }

    @Test
    void theEventsOfABatchKeepTheBatchsOrderInTheOutbox() throws Throwable {
        List<Samples.Fresh> sources = List.of(Samples.fresh("urban"), Samples.fresh("urban"), Samples.fresh("urban"));
        List<Outcome> outcomes = VertxContextSupport.subscribeAndAwait(() -> intake.acceptAllFromTopic(Channel.URBAN,
                sources.stream().map(IntakeBatchTest::record).toList()));
        List<String> numbers = outcomes.stream().map(o -> o.received().ticket().ticketNumber()).toList();
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement("""
                SELECT t.ticket_number FROM outbox_event o JOIN ticket t ON o.record_key = t.id::text
                WHERE t.ticket_number = ANY(?) AND o.event_type = 'TicketReceived' ORDER BY o.position""")) {
            s.setArray(1, c.createArrayOf("varchar", numbers.toArray()));
            List<String> inOrder = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inOrder.add(r.getString(1));
                }
            }
            assertEquals(numbers, inOrder);
        }
    }

    private static TopicRecord record(Samples.Fresh sample) {
        return new TopicRecord(sample.sourceId(), sample.bytes(), false);
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
