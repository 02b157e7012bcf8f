package io.lastmile.ticket;

import io.lastmile.ticket.event.TicketChange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.lastmile.ticket.ModelFixtures.CENTER;
import static io.lastmile.ticket.ModelFixtures.CGJ;
import static io.lastmile.ticket.ModelFixtures.HUAQIAOGANG;
import static io.lastmile.ticket.ModelFixtures.NOW;
import static io.lastmile.ticket.ModelFixtures.WUTAN;
import static io.lastmile.ticket.ModelFixtures.XIUSHAN;
import static io.lastmile.ticket.ModelFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may take which step: each role, from each unit that stands in some relation to the ticket's
 * owner, for every step. The expected sets are written out here, not taken from {@link ActingRules}.
 */
class ActingMatrixTest {

    /** How the actor's unit stands to the unit that owns the ticket now. */
    private enum Relation {
        OWN_UNIT(XIUSHAN, XIUSHAN),
        UNIT_BELOW(XIUSHAN, HUAQIAOGANG),
        UNIT_ABOVE(HUAQIAOGANG, XIUSHAN),
        ASSISTING_UNIT(XIUSHAN, CGJ),
        ANOTHER_TOWNSHIP(XIUSHAN, WUTAN),
        COUNTY_CENTER(XIUSHAN, CENTER);

        final String owner;
        final String actorUnit;

        Relation(String owner, String actorUnit) {
            this.owner = owner;
            this.actorUnit = actorUnit;
        }
    }

    private static final Set<String> UNIT_STEPS = Set.of("SIGN_FOR", "START", "RETURN", "REQUEST_EXTENSION",
            "REQUEST_DOCUMENTS", "RESUME_WITH_DOCUMENTS", "RESOLVE", "ESCALATE", "PICK_UP");
    private static final Set<String> WATCH_STEPS = Set.of("RAISE_YELLOW_CARD", "RAISE_RED_CARD", "KIOSK_UNANSWERED");

    private static Set<String> expected(Actor.Kind kind, Relation relation) {
        return switch (kind) {
            case OFFICIAL -> switch (relation) {
                case OWN_UNIT -> UNIT_STEPS;
                case ASSISTING_UNIT -> Set.of("REPORT_ASSISTANCE");
                default -> Set.of();
            };
            case DISPATCHER -> names(EnumSet.complementOf(EnumSet.of(Step.RAISE_YELLOW_CARD, Step.RAISE_RED_CARD,
                    Step.KIOSK_UNANSWERED, Step.FOLLOW_PRIMARY)));
            case OPERATOR -> Set.of("ANSWER_AT_INTAKE", "REGISTER", "REVISIT");
            case SUPERVISOR -> Set.of("SUPERVISE", "REDO");
            case ADMIN -> Set.of();
            case SYSTEM -> Set.of("RAISE_YELLOW_CARD", "RAISE_RED_CARD", "KIOSK_UNANSWERED", "ESCALATE", "MERGE", "DISPATCH",
                    "FOLLOW_PRIMARY");
        };
    }

    private static Set<String> names(Set<Step> steps) {
        Set<String> names = new TreeSet<>();
        steps.forEach(s -> names.add(s.name()));
        return names;
    }

    private static Ticket ownedBy(String unit) {
        Ticket t = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        t.unitCode = unit;
        return t;
    }

    @Test
    void eachRoleFromEachUnitMayTakeExactlyItsSteps() {
        List<String> wrong = new ArrayList<>();
        for (Actor.Kind kind : Actor.Kind.values()) {
            for (Relation relation : Relation.values()) {
                Ticket t = ownedBy(relation.owner);
                Actor actor = ModelFixtures.of(kind, relation.actorUnit);
                Set<String> may = new TreeSet<>();
                for (Step step : Step.values()) {
                    if (ActingRules.refusal(step, t, actor).isEmpty()) {
                        may.add(step.name());
                    }
                }
                Set<String> want = new TreeSet<>(expected(kind, relation));
                if (!may.equals(want)) {
                    wrong.add(kind + " / " + relation + ": may " + may + ", should " + want);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aTownshipReadsItsVillageStationsTicketButDoesNotActInItsName() {
        Ticket t = ownedBy(HUAQIAOGANG);
        Actor township = ModelFixtures.official(XIUSHAN);
        assertTrue(township.scope().covers(t.reach()), "the township reads the village station's ticket");
        ActingRefused refused = assertThrows(ActingRefused.class,
                () -> t.handle(new TicketCommand.SignFor(), township, at(NOW)));
        assertTrue(refused.getMessage().contains("签收"), refused.getMessage());
        assertEquals(Set.of(), t.allowedSteps(township, ModelFixtures.OWNERS, NOW));
        assertEquals(TicketStatus.DISPATCHED, t.status);
    }

    @Test
    void anAssistingUnitFilesOnlyItsOwnReportWhateverTheBodySays() {
        Ticket t = ModelFixtures.ticket(TicketStatus.IN_PROGRESS);
        t.assistants = JointHandling.write(List.of(new JointHandling.Assistant(CGJ, false, "县城管局", null),
                new JointHandling.Assistant(ModelFixtures.SLJ, false, "县水利局", null)));
        Actor cgj = ModelFixtures.official(CGJ);
        assertThrows(ActingRefused.class, () -> t.handle(new TicketCommand.ReportAssistance(ModelFixtures.SLJ, "代为反馈"),
                cgj, at(NOW)), "the unit comes from the caller, never from the body");
        t.handle(new TicketCommand.ReportAssistance(null, "已清理"), cgj, at(NOW));
        List<JointHandling.Assistant> after = JointHandling.read(t.assistants);
        assertEquals(List.of(true, false), after.stream().map(JointHandling.Assistant::reported).toList());
        assertThrows(ActingRefused.class, () -> t.handle(new TicketCommand.Resolve("办完"), cgj, at(NOW)),
                "an assisting unit does not resolve the lead unit's ticket");
    }

    @Test
    void aDispatcherActingForAUnitIsNamedOnTheTimeline() {
        Ticket t = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        StepTaken taken = t.handle(new TicketCommand.SignFor(), ModelFixtures.dispatcher(), at(NOW));
        assertEquals(new TicketChange.TicketSignedFor(XIUSHAN), taken.change());
        StepTaken own = ModelFixtures.ticket(TicketStatus.DISPATCHED)
                .handle(new TicketCommand.SignFor(), ModelFixtures.official(XIUSHAN), at(NOW));
        assertEquals(new TicketChange.TicketSignedFor(null), own.change(), "the unit's own official acts in nobody's name");
    }

    @Test
    void allowedStepsNeverOfferTheWatchsStepsNorAPickUpOfAnythingButAKioskPress() {
        Ticket call = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        call.kind = TicketKind.COMPLAINT;
        Set<Step> dispatcher = call.allowedSteps(ModelFixtures.dispatcher(), ModelFixtures.OWNERS, NOW);
        assertTrue(dispatcher.stream().noneMatch(ActingRules.TIME_LIMIT_WATCH::contains), dispatcher.toString());
        assertTrue(!dispatcher.contains(Step.PICK_UP), "a phone call is not picked up like a kiosk press");
        Set<Step> official = call.allowedSteps(ModelFixtures.official(XIUSHAN), ModelFixtures.OWNERS, NOW);
        assertEquals(EnumSet.of(Step.SIGN_FOR, Step.RETURN, Step.ESCALATE), official);
    }

    @Test
    void anActorOutsideTheReadingScopeIsOfferedNothing() {
        Ticket t = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        assertEquals(Set.of(), t.allowedSteps(ModelFixtures.official(WUTAN), ModelFixtures.OWNERS, NOW));
    }

    @Test
    void theWatchsStepsAndTheAutomaticEscalationAreNobodysButTheServices() {
        Ticket t = ModelFixtures.ticket(TicketStatus.DISPATCHED);
        assertThrows(ActingRefused.class, () -> t.handle(new TicketCommand.RaiseYellowCard(), ModelFixtures.dispatcher(), at(NOW)));
        assertThrows(ActingRefused.class, () -> t.handle(new TicketCommand.EscalateOverdue(), ModelFixtures.dispatcher(), at(NOW)));
        assertThrows(ActingRefused.class, () -> t.handle(new TicketCommand.Escalate("试试"), Actor.system("job"), at(NOW)));
    }
}
