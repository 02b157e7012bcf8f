package io.lastmile.ticket;

import io.lastmile.sla.RealTimeLimits;
import io.lastmile.sla.SlaDeadlines;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.sla.RealTimeLimits.local;
import static io.lastmile.ticket.ModelFixtures.XIUSHAN;
import static io.lastmile.ticket.ModelFixtures.dispatcher;
import static io.lastmile.ticket.ModelFixtures.official;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A ticket's clocks with the service's own limits, on the 2026 calendar and the bundled catalog:
 * the ticket states its channel, kind, urgency, matter and receipt, and the 12315 rules and a
 * matter's emergency clocks follow from them, whenever its steps happen.
 */
class TicketClocksByChannelAndMatterTest {

    private static final SlaDeadlines LIMITS = RealTimeLimits.bundled();
    private static final Actor WATCH = Actor.system("system:time-limits");

    /** Tuesday before National Day (1–7 Oct; Saturday 10 Oct is a make-up working day). */
    private static final Instant RECEIVED = local("2026-09-29T10:00");

    private static StepContext at(Instant now) {
        return new StepContext(ModelFixtures.OWNERS, LIMITS, now);
    }

    private static Ticket received(Channel channel, TicketKind kind, String text, String matter) {
        return Ticket.receive(UUID.randomUUID(), "430922-20260929-000001",
                new NewTicket(channel, "source-" + UUID.randomUUID(), RECEIVED, kind, Urgency.NORMAL, text, null,
                        Location.UNKNOWN, Contact.NONE, Map.of(), "source-system"),
                new Owner("430922104", "修山镇", null, null, ModelFixtures.CENTER, "桃江县综合指挥中心", matter, "事项 " + matter,
                        null, "rules", ModelFixtures.CENTER),
                "{}", RECEIVED, LIMITS);
    }

    @Test
    void a12315ComplaintDispatchedAfterNationalDayMustStillBeAcceptedWithin7WorkingDaysOfReceipt() {
        Ticket t = received(Channel.CONSUMER_12315, TicketKind.COMPLAINT, "购买的酸奶已过保质期，商家拒绝退换", "SJ-001");
        t.handle(new TicketCommand.Dispatch(null, null), dispatcher(), at(local("2026-10-09T10:00")));
        assertEquals(local("2026-10-14T17:30"), t.signForDeadline, "7 working days after the receipt on 29 Sep");
        assertEquals(t.signForDeadline, t.redAt);
        assertEquals(local("2026-10-13T11:24"), t.yellowAt, "80 % of the whole limit from receipt, in working time");
        assertThrows(StepRefused.class, () -> t.handle(new TicketCommand.RaiseYellowCard(), WATCH,
                at(local("2026-10-13T11:23"))));
        t.handle(new TicketCommand.RaiseYellowCard(), WATCH, at(local("2026-10-13T11:24")));
        assertEquals(Card.YELLOW, t.card);

        // 受理: the sign-for on 14 Oct starts mediation: 45 working days from it, not from receipt.
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(local("2026-10-14T09:00")));
        assertEquals(local("2026-12-16T17:30"), t.completionDeadline);
        assertEquals(t.completionDeadline, t.redAt);
        assertEquals(Card.NONE, t.card);
    }

    @Test
    void a12345ComplaintAboutTheSameMatterKeeps24HoursToSignForFromItsDispatch() {
        Ticket t = received(Channel.HOTLINE_12345, TicketKind.COMPLAINT, "超市出售过期酸奶", "SJ-001");
        Instant dispatched = local("2026-10-09T10:00");
        t.handle(new TicketCommand.Dispatch(null, null), dispatcher(), at(dispatched));
        assertEquals(dispatched.plus(Duration.ofHours(24)), t.signForDeadline);
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(local("2026-10-09T15:00")));
        assertEquals(local("2026-10-13T17:30"), t.completionDeadline,
                "SJ-001's promised 3 working days: Saturday 10, Monday 12 and Tuesday 13 Oct");
    }

    @Test
    void aWaterOutageMarked一般IsTimedAsAnEmergencyAtEveryStage() {
        Ticket t = received(Channel.HOTLINE_12345, TicketKind.HELP, "花桥港村停水一天", "NL-001");
        assertEquals(Urgency.NORMAL, t.urgency);
        assertEquals(RECEIVED.plus(Duration.ofMinutes(15)), t.redAt, "dispatched within 15 minutes, not 2 working hours");
        Instant dispatched = RECEIVED.plus(Duration.ofMinutes(10));
        t.handle(new TicketCommand.Dispatch(null, null), dispatcher(), at(dispatched));
        assertEquals(dispatched.plus(Duration.ofHours(1)), t.signForDeadline, "signed for within the hour, not 24 h");
        Instant signed = dispatched.plus(Duration.ofMinutes(30));
        t.handle(new TicketCommand.SignFor(), official(XIUSHAN), at(signed));
        assertEquals(signed.plus(Duration.ofHours(24)), t.completionDeadline);
    }

    @Test
    void aRedone12315ComplaintsNewRoundCountsFromItsOwnDispatchNotFromTheLongPastReceipt() {
        Ticket t = received(Channel.CONSUMER_12315, TicketKind.COMPLAINT, "购买的酸奶已过保质期，商家拒绝退换", "SJ-001");
        t.unitCode = XIUSHAN;
        t.status = TicketStatus.REVISITED;
        t.satisfaction = "不满意";
        Instant redone = local("2026-11-30T09:00");
        t.handle(new TicketCommand.Redo("群众不满意"), dispatcher(), at(redone));
        assertEquals(local("2026-12-09T17:30"), t.signForDeadline, "7 working days after the redo, not overdue at once");
        assertEquals(Card.NONE, t.card);
    }
}
