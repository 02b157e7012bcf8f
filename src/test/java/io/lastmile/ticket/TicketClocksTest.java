package io.lastmile.ticket;

import io.lastmile.ticket.event.TicketChange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.lastmile.ticket.ModelFixtures.CGJ;
import static io.lastmile.ticket.ModelFixtures.NOW;
import static io.lastmile.ticket.ModelFixtures.XIUSHAN;
import static io.lastmile.ticket.ModelFixtures.at;
import static io.lastmile.ticket.ModelFixtures.dispatcher;
import static io.lastmile.ticket.ModelFixtures.official;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the ticket starts, pauses and stops its clocks, with the fake calendar of {@link ModelFixtures}. */
class TicketClocksTest {

    private static final Actor WATCH = Actor.system("system:time-limits");

    private static Ticket dispatchedAt(java.time.Instant when) {
        Ticket t = ModelFixtures.ticket(TicketStatus.RECEIVED);
        t.card = Card.NONE;
        t.handle(new TicketCommand.Dispatch(null, null), dispatcher(), at(when));
        return t;
    }

    @Test
    void aDispatchGivesTheUnitItsSignForTimeAndTheSignForStartsTheCompletionClock() {
        Ticket t = dispatchedAt(NOW);
        assertEquals(NOW.plus(Duration.ofHours(24)), t.signForDeadline);
        assertEquals(t.signForDeadline, t.redAt);
        assertEquals(NOW.plus(Duration.ofMinutes(24 * 60 * 8 / 10)), t.yellowAt);
        assertNull(t.completionDeadline, "the completion clock starts at the sign-for");
        java.time.Instant signed = NOW.plus(Duration.ofHours(1));
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(signed));
        assertEquals(signed.plus(Duration.ofDays(5)), t.completionDeadline);
        assertEquals(t.completionDeadline, t.deadline);
        assertEquals(Card.NONE, t.card);
    }

    @Test
    void waitingForDocumentsGivesThePausedTimeBack() {
        Ticket t = dispatchedAt(NOW);
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(NOW));
        t.handle(new TicketCommand.Start(), official(XIUSHAN), at(NOW));
        java.time.Instant before = t.redAt;
        t.handle(new TicketCommand.RequestDocuments(java.util.List.of("照片"), null), official(XIUSHAN), at(NOW));
        assertEquals(NOW, t.pausedAt);
        t.handle(new TicketCommand.ResumeWithDocuments(), official(XIUSHAN), at(NOW.plus(Duration.ofHours(2))));
        assertNull(t.pausedAt);
        assertEquals(before.plus(Duration.ofHours(2)), t.redAt);
        assertEquals(TicketStatus.IN_PROGRESS, t.status);
    }

    @Test
    void aReturnStopsTheClockAndTheNextDispatchStartsANewOne() {
        Ticket t = dispatchedAt(NOW);
        t.handle(new TicketCommand.ReturnToDispatcher("不属于本镇"), official(XIUSHAN), at(NOW));
        assertNull(t.deadline);
        assertNull(t.redAt);
        assertNull(t.yellowAt);
        java.time.Instant later = NOW.plus(Duration.ofHours(3));
        t.handle(new TicketCommand.AcceptReturn(CGJ, null), dispatcher(), at(later));
        assertEquals(later.plus(Duration.ofHours(24)), t.redAt);
        assertEquals(CGJ, t.unitCode);
    }

    @Test
    void aRedCardIsRaisedOnlyWhenStillDueAndEscalatesLaterByItself() {
        Ticket t = dispatchedAt(NOW);
        java.time.Instant overdue = t.redAt.plus(Duration.ofMinutes(1));
        // Reassigned between the watch's scan and its lock: a new clock, no red card.
        t.handle(new TicketCommand.Reassign(CGJ, null), dispatcher(), at(overdue.minus(Duration.ofMinutes(2))));
        assertThrows(StepRefused.class, () -> t.handle(new TicketCommand.RaiseRedCard(), WATCH, at(overdue)));
        assertEquals(Card.NONE, t.card);

        java.time.Instant late = t.redAt.plus(Duration.ofMinutes(1));
        t.handle(new TicketCommand.RaiseRedCard(), WATCH, at(late));
        assertEquals(Card.RED, t.card);
        assertTrue(t.supervised);
        assertEquals(late.plus(Duration.ofHours(2)), t.escalateAt);
        assertThrows(StepRefused.class, () -> t.handle(new TicketCommand.RaiseRedCard(), WATCH, at(late)),
                "raised once");
        assertThrows(StepRefused.class, () -> t.handle(new TicketCommand.EscalateOverdue(), WATCH, at(late)),
                "not before its time");
        StepTaken escalated = t.handle(new TicketCommand.EscalateOverdue(), WATCH, at(late.plus(Duration.ofHours(2))));
        assertEquals(ModelFixtures.CENTER, t.unitCode, "a department's level above is the county center");
        assertEquals(new TicketChange.TicketEscalated(CGJ, ModelFixtures.CENTER, "桃江县综合指挥中心",
                "holder-of-" + ModelFixtures.CENTER, true, null), escalated.change());
        assertEquals(Card.NONE, t.card, "the new unit's clock has no card yet");
    }

    @Test
    void anApprovedExtensionAddsItsDaysAndLetsTheCardsFallDueAgain() {
        Ticket t = dispatchedAt(NOW);
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(NOW));
        t.card = Card.RED;
        java.time.Instant due = t.completionDeadline;
        t.status = TicketStatus.IN_PROGRESS;
        t.handle(new TicketCommand.RequestExtension(3, "等配件"), official(XIUSHAN), at(NOW));
        t.handle(new TicketCommand.ApproveExtension(3, null), dispatcher(), at(NOW));
        assertEquals(due.plus(Duration.ofDays(3)), t.completionDeadline);
        assertEquals(3, t.extensionDays);
        assertEquals(Card.NONE, t.card);
    }
}
