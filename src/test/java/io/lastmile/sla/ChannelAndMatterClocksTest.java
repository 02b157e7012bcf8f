package io.lastmile.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.routing.MatterTimeLimits.StageRule;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Deadlines;
import io.lastmile.ticket.Deadlines.TicketFacts;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lastmile.sla.RealTimeLimits.local;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which rule gives each stage its limit, on the 2026 calendar with the bundled catalog: the
 * 12315 rules for complaints and reports, a matter's own emergency clocks, and everything else as
 * before (the urgency's and the promised limits).
 */
class ChannelAndMatterClocksTest {

    private static final SlaDeadlines LIMITS = RealTimeLimits.bundled();

    /** Tuesday before National Day (1–7 Oct; Saturday 10 Oct is a make-up working day). */
    private static final Instant RECEIVED = local("2026-09-29T10:00");

    private static TicketFacts ticket(Channel channel, TicketKind kind, Urgency urgency, String matter) {
        return new TicketFacts(channel, kind, urgency, matter, RECEIVED, false);
    }

    private static final TicketFacts COMPLAINT_12315 = ticket(Channel.CONSUMER_12315, TicketKind.COMPLAINT, Urgency.NORMAL,
            "SJ-001");

    @Test
    void a12315ComplaintIsToBeAcceptedWithin7WorkingDaysOfReceiptHoweverLateItIsDispatched() {
        // 30 Sep, 8, 9, 10 (Sat, make-up), 12, 13 and 14 Oct: the 7th working day after the 29th.
        Deadlines.Deadline dispatchedAfterTheHoliday = LIMITS.signFor(COMPLAINT_12315, local("2026-10-09T10:00"));
        assertEquals(local("2026-10-14T17:30"), dispatchedAfterTheHoliday.at());
        assertEquals(dispatchedAfterTheHoliday, LIMITS.signFor(COMPLAINT_12315, local("2026-09-29T11:00")),
                "the same deadline whenever the dispatch");
        // Yellow at 80 % of the whole limit's working time from receipt: 3,030 working minutes, 2,424 used on 13 Oct at 11:24.
        assertEquals(local("2026-10-13T11:24"), dispatchedAfterTheHoliday.yellowAt());
        assertEquals(false, dispatchedAfterTheHoliday.provisional());
    }

    @Test
    void a12315ComplaintsMediationEnds45WorkingDaysAfterItsAcceptance() {
        Deadlines.Deadline mediation = LIMITS.completion(COMPLAINT_12315, local("2026-10-12T09:00"));
        assertEquals(local("2026-12-14T17:30"), mediation.at(), "45 working days after Monday 12 Oct, not SJ-001's 3");
    }

    @Test
    void a12315ReportIsCheckedAndDecidedWithin15WorkingDaysOfReceipt() {
        TicketFacts report = ticket(Channel.CONSUMER_12315, TicketKind.REPORT, Urgency.NORMAL, "SJ-001");
        // 30 Sep, 8, 9, 10, 12–16, 19–23 and 26 Oct.
        assertEquals(local("2026-10-26T17:30"), LIMITS.completion(report, local("2026-10-12T09:00")).at());
        assertEquals(local("2026-10-10T10:00"), LIMITS.signFor(report, local("2026-10-09T10:00")).at(),
                "no 12315 rule for a report's sign-for: 24 h, as for any 一般 ticket");
    }

    @Test
    void a12345TicketAboutTheSameMatterKeepsTheUrgencyAndPromisedLimits() {
        TicketFacts complaint = ticket(Channel.HOTLINE_12345, TicketKind.COMPLAINT, Urgency.NORMAL, "SJ-001");
        assertEquals(local("2026-10-10T10:00"), LIMITS.signFor(complaint, local("2026-10-09T10:00")).at(), "24 h");
        assertEquals(local("2026-10-15T17:30"), LIMITS.completion(complaint, local("2026-10-12T09:00")).at(),
                "SJ-001's promised 3 working days");
        assertEquals(local("2026-09-29T15:30"), LIMITS.queue(complaint, local("2026-09-29T11:00")).at(),
                "2 working hours across the lunch break");
        TicketFacts consultation = ticket(Channel.CONSUMER_12315, TicketKind.CONSULTATION, Urgency.NORMAL, "SJ-001");
        assertEquals(local("2026-10-15T17:30"), LIMITS.completion(consultation, local("2026-10-12T09:00")).at(),
                "a 12315 consultation has no 12315 rule either");
    }

    @Test
    void aWaterOutageMarked一般IsTimedAsTheEmergencyItsMatterSays() {
        TicketFacts outage = ticket(Channel.HOTLINE_12345, TicketKind.HELP, Urgency.NORMAL, "NL-001");
        Deadlines.Deadline queue = LIMITS.queue(outage, RECEIVED);
        assertEquals(RECEIVED.plus(Duration.ofMinutes(15)), queue.at(), "not the 2 working hours of 一般");
        assertEquals(RECEIVED.plus(Duration.ofMinutes(12)), queue.yellowAt());
        Instant dispatched = local("2026-10-01T20:00");
        assertEquals(dispatched.plus(Duration.ofHours(1)), LIMITS.signFor(outage, dispatched).at(),
                "calendar time: National Day evening counts");
        Instant signed = dispatched.plus(Duration.ofMinutes(40));
        assertEquals(signed.plus(Duration.ofHours(24)), LIMITS.completion(outage, signed).at());
        TicketFacts unclassified = ticket(Channel.HOTLINE_12345, TicketKind.HELP, Urgency.NORMAL, null);
        assertEquals(local("2026-09-29T15:30"), LIMITS.queue(unclassified, local("2026-09-29T11:00")).at(),
                "without the matter: 2 working hours, as for any 一般 ticket");
    }

    @Test
    void aPowerCutMatterCarryingTheSameDataIsTimedTheSameWay() {
        ObjectNode catalog = RealTimeLimits.catalogDocument();
        catalog.withArray("items").add(powerCuts());
        SlaDeadlines limits = RealTimeLimits.with(catalog, Map.of());
        TicketFacts powerCut = ticket(Channel.HOTLINE_12345, TicketKind.HELP, Urgency.NORMAL, "DL-001");
        assertEquals(RECEIVED.plus(Duration.ofMinutes(15)), limits.queue(powerCut, RECEIVED).at());
        assertEquals(RECEIVED.plus(Duration.ofHours(1)), limits.signFor(powerCut, RECEIVED).at());
        assertEquals(RECEIVED.plus(Duration.ofHours(12)), limits.completion(powerCut, RECEIVED).at());
    }

    @Test
    void aMattersOwnStageClockComesBeforeTheChannelsAndWhatItLeavesOutFollowsTheChannel() {
        ObjectNode catalog = RealTimeLimits.catalogDocument();
        ObjectNode sj001 = (ObjectNode) catalog.withArray("items").get(4);
        assertEquals("SJ-001", sj001.path("code").asText());
        sj001.set("clocks", json("{\"signFor\": {\"limit\": 3, \"counting\": \"working-days\", \"from\": \"receipt\"}}"));
        SlaDeadlines limits = RealTimeLimits.with(catalog, Map.of());
        assertEquals(local("2026-10-09T17:30"), limits.signFor(COMPLAINT_12315, local("2026-10-09T10:00")).at(),
                "the matter's 3 working days from receipt, not the channel's 7");
        assertEquals(local("2026-12-14T17:30"), limits.completion(COMPLAINT_12315, local("2026-10-12T09:00")).at(),
                "the matter sets no completion clock: the channel's 45 working days");
    }

    @Test
    void aRedoneTicketCountsALimitFromReceiptFromTheStagesOwnStart() {
        TicketFacts redone = new TicketFacts(Channel.CONSUMER_12315, TicketKind.REPORT, Urgency.NORMAL, "SJ-001", RECEIVED,
                true);
        // 15 working days from the sign-for of the new round on Monday 30 Nov.
        assertEquals(local("2026-12-21T17:30"), LIMITS.completion(redone, local("2026-11-30T09:00")).at());
    }

    @Test
    void aCompletionFixedAtTheDispatchTurnsYellowAt80PercentOfTheWholeLimitFromReceipt() {
        SlaDeadlines atDispatch = RealTimeLimits.with(RealTimeLimits.catalogDocument(),
                Map.of("completion-clock-starts", "dispatch"));
        TicketFacts report = ticket(Channel.CONSUMER_12315, TicketKind.REPORT, Urgency.NORMAL, "SJ-001");
        Deadlines.Deadline fixed = atDispatch.completion(report, local("2026-10-09T10:00"));
        assertEquals(local("2026-10-26T17:30"), fixed.at());
        assertEquals(fixed.yellowAt(), atDispatch.completionYellowAt(report, local("2026-10-20T09:00"), fixed.at()),
                "staged at the sign-for, still yellow where the whole limit from receipt says");
        TicketFacts complaint12345 = ticket(Channel.HOTLINE_12345, TicketKind.COMPLAINT, Urgency.NORMAL, "SJ-001");
        Instant due = local("2026-10-14T17:30");
        assertEquals(LIMITS.yellowInWorkingTime(local("2026-10-12T09:00"), due),
                atDispatch.completionYellowAt(complaint12345, local("2026-10-12T09:00"), due),
                "a limit counted from its stage's start: 80 % of the way from the sign-for, as before");
    }

    @Test
    void theCatalogShowsEachStagesRulesInTheOrderTheyAreTried() {
        var catalog = RealTimeLimits.catalog(RealTimeLimits.catalogDocument());
        List<StageRule> sj001 = LIMITS.stagesOf(catalog.byCode("SJ-001").orElseThrow(), catalog);
        assertEquals(List.of(
                "queue urgency CRITICAL 15 calendar-minutes from receipt or a return",
                "queue urgency URGENT 30 calendar-minutes from receipt or a return",
                "queue urgency NORMAL 2 working-hours from receipt or a return",
                "signFor channel 12315 COMPLAINT 7 working-days from receipt",
                "signFor urgency CRITICAL 1 calendar-hours from dispatch",
                "signFor urgency URGENT 2 calendar-hours from dispatch",
                "signFor urgency NORMAL 24 calendar-hours from dispatch",
                "completion channel 12315 COMPLAINT 45 working-days from sign-for",
                "completion channel 12315 REPORT 15 working-days from receipt",
                "completion promised every other ticket 3 working-days from sign-for"),
                sj001.stream().map(ChannelAndMatterClocksTest::line).toList());
        List<StageRule> nl001 = LIMITS.stagesOf(catalog.byCode("NL-001").orElseThrow(), catalog);
        assertEquals(List.of(
                "queue matter every ticket of NL-001 15 calendar-minutes from receipt or a return",
                "signFor matter every ticket of NL-001 1 calendar-hours from dispatch",
                "completion matter every ticket of NL-001 24 calendar-hours from sign-for"),
                nl001.stream().map(ChannelAndMatterClocksTest::line).toList());
        assertEquals(true, nl001.get(0).basis().startsWith("演示值"), "says the values are for the demo");
    }

    private static String line(StageRule rule) {
        return rule.stage() + " " + rule.source() + " " + rule.appliesTo() + " " + rule.limit() + " " + rule.counting()
                + " from " + rule.from();
    }

    /** A power-cut matter as another branch's classifier adds them: the same clocks as water, as data. */
    static ObjectNode powerCuts() {
        return json("""
                {"code": "DL-001", "name": "农村供电抢修", "windowCategory": "综合服务", "handlingLevel": "township",
                 "owningDepartment": "430922-ZHZX", "legalLimitDays": 1, "promisedLimitDays": 1,
                 "clockPolicy": "calendar-hours", "delegationMode": "服务前移", "documents": [],
                 "rules": {"keywords": ["停电", "断电"]},
                 "clocks": {"queue": {"limit": 15, "counting": "calendar-minutes"},
                            "signFor": {"limit": 1, "counting": "calendar-hours"},
                            "completion": {"limit": 12, "counting": "calendar-hours"},
                            "basis": "test values: power restored within 12 hours"}}""");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
