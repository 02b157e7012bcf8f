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
    void aReturnStartsTheQueueClockAgainAndTheNextDispatchASignForOne() {
        Ticket t = dispatchedAt(NOW);
        t.handle(new TicketCommand.ReturnToDispatcher("不属于本镇"), official(XIUSHAN), at(NOW));
        assertEquals(NOW.plus(Duration.ofHours(2)), t.redAt, "the dispatcher's queue clock runs again");
        assertEquals(NOW.plus(Duration.ofMinutes(96)), t.yellowAt);
        java.time.Instant later = NOW.plus(Duration.ofHours(3));
        t.handle(new TicketCommand.AcceptReturn(CGJ, null), dispatcher(), at(later));
        assertEquals(later.plus(Duration.ofHours(24)), t.redAt);
        assertEquals(CGJ, t.unitCode);
    }

    @Test
    void aCriticalCallLeftInTheQueueGetsItsCardsAndStaysWithTheCommandCenter() {
        Ticket t = ModelFixtures.ticket(TicketStatus.RECEIVED);
        Ticket fresh = Ticket.receive(java.util.UUID.randomUUID(), "430922-20261124-000009", new NewTicket(Channel.HOTLINE_12345,
                        "c-9", NOW, TicketKind.HELP, Urgency.CRITICAL, "山体滑坡堵路", null, Location.UNKNOWN, Contact.NONE,
                        java.util.Map.of(), "operator"),
                new Owner("430922104", "修山镇", null, null, ModelFixtures.CENTER, "桃江县综合指挥中心", null, null, null,
                        "address-text", "operator"), "{}", NOW, ModelFixtures.DEADLINES);
        assertEquals(NOW.plus(Duration.ofMinutes(15)), fresh.redAt, "特急: 15 minutes to dispatch");
        assertEquals(NOW.plus(Duration.ofMinutes(12)), fresh.yellowAt);
        assertThrows(StepRefused.class, () -> fresh.handle(new TicketCommand.RaiseYellowCard(), WATCH,
                at(NOW.plus(Duration.ofMinutes(11)))), "not yellow before 80 %");
        fresh.handle(new TicketCommand.RaiseYellowCard(), WATCH, at(NOW.plus(Duration.ofMinutes(12))));
        assertEquals(Card.YELLOW, fresh.card);
        fresh.handle(new TicketCommand.RaiseRedCard(), WATCH, at(NOW.plus(Duration.ofMinutes(15))));
        assertEquals(Card.RED, fresh.card);
        assertNull(fresh.escalateAt, "a queued ticket is the command center's already: nothing to escalate to");
        fresh.handle(new TicketCommand.Dispatch(XIUSHAN, null), dispatcher(), at(NOW.plus(Duration.ofMinutes(16))));
        assertEquals(Card.NONE, fresh.card, "the unit's clock starts without a card");
        assertEquals(TicketStatus.RECEIVED, t.status);
    }

    @Test
    void aSupervisionDeadlineIsStagedOnlyWhereItsCardCanBeRaised() {
        Ticket resolved = ModelFixtures.ticket(TicketStatus.RESOLVED);
        resolved.redAt = null;
        resolved.yellowAt = null;
        resolved.deadline = null;
        resolved.handle(new TicketCommand.Supervise("请尽快核查", 2), dispatcher(), at(NOW));
        assertNull(resolved.redAt, "a resolved ticket cannot take a card: no clock for the watch to meet every second");
        assertEquals(NOW.plus(Duration.ofDays(2)), resolved.completionDeadline);

        Ticket working = ModelFixtures.ticket(TicketStatus.IN_PROGRESS);
        working.handle(new TicketCommand.Supervise("请加快", 2), dispatcher(), at(NOW));
        assertEquals(NOW.plus(Duration.ofDays(2)), working.redAt);
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
    void aSupervisionDeadlineMayBeAMomentButNotBothNorInThePast() {
        Ticket t = ModelFixtures.ticket(TicketStatus.IN_PROGRESS);
        java.time.Instant until = NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(3));
        t.handle(new TicketCommand.Supervise("请于周四下午前办结", null, until), ModelFixtures.dispatcher(), at(NOW));
        assertEquals(until, t.redAt);
        assertEquals(until, t.completionDeadline);
        assertEquals(Card.NONE, t.card);
        assertThrows(InvalidCommand.class, () -> new TicketCommand.Supervise("请加快", 2, until), "days or until, not both");
        assertThrows(InvalidCommand.class, () -> ModelFixtures.ticket(TicketStatus.IN_PROGRESS).handle(
                new TicketCommand.Supervise("请加快", null, NOW.minusSeconds(1)), ModelFixtures.dispatcher(), at(NOW)));
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
