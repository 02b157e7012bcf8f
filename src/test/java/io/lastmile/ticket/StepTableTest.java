package io.lastmile.ticket;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.lastmile.ticket.ModelFixtures.CGJ;
import static io.lastmile.ticket.ModelFixtures.NOW;
import static io.lastmile.ticket.ModelFixtures.at;
import static io.lastmile.ticket.ModelFixtures.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every step from every state, through the ticket itself with fake ports: allowed where the table
 * says {@code x} (and leading to the state in the last column: {@code =} stays, {@code <} goes back
 * to the state before a pause or merge), refused with the current state's name everywhere else.
 * The table is written out rather than derived from {@link Step}, so a change to the state
 * machine has to change it here too, on purpose.
 */
class StepTableTest {

    /** Columns, in order. */
    private static final TicketStatus[] STATES = {TicketStatus.RECEIVED, TicketStatus.REGISTERED, TicketStatus.DISPATCHED,
            TicketStatus.SIGNED_FOR, TicketStatus.IN_PROGRESS, TicketStatus.EXTENSION_REQUESTED,
            TicketStatus.WAITING_FOR_DOCUMENTS, TicketStatus.RETURNED, TicketStatus.RESOLVED, TicketStatus.VERIFIED,
            TicketStatus.CLOSED, TicketStatus.REVISITED, TicketStatus.MERGED};

    private static final String TABLE = """
            #                      RcRgDiSiIpExWdRtRsVeClRvMe  after
            ANSWER_AT_INTAKE       x . . . . . . . . . . . .   CLOSED
            REGISTER               x . . . . . . . . . . . .   REGISTERED
            DISPATCH               x x . . . . . . . . . . .   DISPATCHED
            SIGN_FOR               . . x . . . . . . . . . .   SIGNED_FOR
            START                  . . . x . . . . . . . . .   IN_PROGRESS
            RETURN                 . . x x . . . . . . . . .   RETURNED
            ACCEPT_RETURN          . . . . . . . x . . . . .   DISPATCHED
            REJECT_RETURN          . . . . . . . x . . . . .   DISPATCHED
            REASSIGN               . . x x x . . . . . . . .   DISPATCHED
            START_JOINT_HANDLING   . x x x x . . . . . . . .   =
            REPORT_ASSISTANCE      . . x x x . . . . . . . .   =
            REQUEST_EXTENSION      . . . x x . . . . . . . .   EXTENSION_REQUESTED
            APPROVE_EXTENSION      . . . . . x . . . . . . .   <
            DENY_EXTENSION         . . . . . x . . . . . . .   <
            REQUEST_DOCUMENTS      . . . x x . . . . . . . .   WAITING_FOR_DOCUMENTS
            RESUME_WITH_DOCUMENTS  . . . . . . x . . . . . .   <
            RESOLVE                . . . . x . . . . . . . .   RESOLVED
            VERIFY                 . . . . . . . . x . . . .   VERIFIED
            CLOSE                  . . . . . . . . . x . . .   CLOSED
            REVISIT                . . . . . . . . . . x . .   REVISITED
            REDO                   . . . . . . . . . . . x .   DISPATCHED
            SUPERVISE              x x x x x x x x x x . . .   =
            ESCALATE               . . x x x . . x . . . . .   DISPATCHED
            MERGE                  x x x . . . . . . . . . .   MERGED
            UNMERGE                . . . . . . . . . . . . x   <
            FOLLOW_PRIMARY         . . . . . . . . . . . . x   =
            RAISE_YELLOW_CARD      x x x x x . . x . . x . .   =
            RAISE_RED_CARD         x x x x x . . x . . x . .   =
            PICK_UP                x x x . . . . . . . . . .   =
            KIOSK_UNANSWERED       x x x . . . . . . . . . .   =
            """;

    private record Row(boolean[] allowed, String after) {
    }

    private static Map<Step, Row> table() {
        Map<Step, Row> rows = new EnumMap<>(Step.class);
        for (String line : TABLE.strip().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] cells = line.trim().split("\\s+");
            boolean[] allowed = new boolean[STATES.length];
            for (int i = 0; i < STATES.length; i++) {
                allowed[i] = cells[1 + i].equals("x");
            }
            rows.put(Step.valueOf(cells[0]), new Row(allowed, cells[1 + STATES.length]));
        }
        return rows;
    }

    /** The command a dispatcher (or, for the watch's steps, the service) would send for the step. */
    static TicketCommand commandFor(Step step) {
        return switch (step) {
            case ANSWER_AT_INTAKE -> new TicketCommand.AnswerAtIntake("已告知办理地点");
            case REGISTER -> new TicketCommand.Register("TJ-SL-002");
            case DISPATCH -> new TicketCommand.Dispatch(null, null);
            case SIGN_FOR -> new TicketCommand.SignFor();
            case START -> new TicketCommand.Start();
            case RETURN -> new TicketCommand.ReturnToDispatcher("不属于本镇");
            case ACCEPT_RETURN -> new TicketCommand.AcceptReturn(CGJ, null);
            case REJECT_RETURN -> new TicketCommand.RejectReturn("属于贵单位");
            case REASSIGN -> new TicketCommand.Reassign(CGJ, null);
            case START_JOINT_HANDLING -> new TicketCommand.StartJointHandling(List.of(CGJ));
            case REPORT_ASSISTANCE -> new TicketCommand.ReportAssistance(CGJ, "已配合");
            case REQUEST_EXTENSION -> new TicketCommand.RequestExtension(3, "等配件");
            case APPROVE_EXTENSION -> new TicketCommand.ApproveExtension(3, null);
            case DENY_EXTENSION -> new TicketCommand.DenyExtension("时限内可办");
            case REQUEST_DOCUMENTS -> new TicketCommand.RequestDocuments(List.of("身份证复印件"), null);
            case RESUME_WITH_DOCUMENTS -> new TicketCommand.ResumeWithDocuments();
            case RESOLVE -> new TicketCommand.Resolve("已修复");
            case VERIFY -> new TicketCommand.Verify(null);
            case CLOSE -> new TicketCommand.Close(null);
            case REVISIT -> new TicketCommand.Revisit("满意");
            case REDO -> new TicketCommand.Redo("群众不满意");
            case SUPERVISE -> new TicketCommand.Supervise("请加快", null);
            case ESCALATE -> new TicketCommand.Escalate("本级无法处理");
            case MERGE -> new TicketCommand.Merge("430922-20261124-000000", null);
            case UNMERGE -> new TicketCommand.Unmerge("不是同一问题");
            case FOLLOW_PRIMARY -> new TicketCommand.FollowPrimary("430922-20261124-000000", Step.RESOLVE,
                    TicketStatus.RESOLVED, CGJ, "已修复");
            case PICK_UP -> new TicketCommand.PickUp();
            case RAISE_YELLOW_CARD -> new TicketCommand.RaiseYellowCard();
            case RAISE_RED_CARD -> new TicketCommand.RaiseRedCard();
            case KIOSK_UNANSWERED -> new TicketCommand.KioskUnanswered();
        };
    }

    private static Actor actorFor(Step step) {
        if (ActingRules.WITH_THE_PRIMARY.contains(step)) {
            return Actor.system("incident");
        }
        return ActingRules.TIME_LIMIT_WATCH.contains(step) ? Actor.system("system:time-limits") : ModelFixtures.dispatcher();
    }

    /** The fixture ticket, with the red card due for the one step that needs it. */
    private static Ticket fixture(Step step, TicketStatus status) {
        Ticket t = ticket(status);
        if (step == Step.RAISE_RED_CARD) {
            t.redAt = NOW.minus(Duration.ofMinutes(1));
        }
        return t;
    }

    @Test
    void everyStepFromEveryStateIsAllowedOrRefusedAsTheTableSays() {
        Map<Step, Row> table = table();
        assertEquals(Step.values().length, table.size(), "every step has a row");
        List<String> wrong = new ArrayList<>();
        for (Step step : Step.values()) {
            Row row = table.get(step);
            for (int i = 0; i < STATES.length; i++) {
                TicketStatus from = STATES[i];
                Ticket t = fixture(step, from);
                int version = t.version;
                TicketStatus resumeTo = t.resumeStatus;
                try {
                    StepTaken taken = t.handle(commandFor(step), actorFor(step), at(NOW));
                    if (!row.allowed()[i]) {
                        wrong.add(step + " from " + from + ": allowed, the table refuses it");
                        continue;
                    }
                    TicketStatus expected = switch (row.after()) {
                        case "=" -> from;
                        case "<" -> resumeTo;
                        default -> TicketStatus.valueOf(row.after());
                    };
                    if (t.status != expected || taken.to() != expected || taken.from() != from || t.version != version + 1) {
                        wrong.add(step + " from " + from + ": led to " + t.status + " (version " + t.version
                                + "), the table says " + expected);
                    }
                } catch (StepRefused refused) {
                    if (row.allowed()[i]) {
                        wrong.add(step + " from " + from + ": refused (" + refused.getMessage() + "), the table allows it");
                    } else if (!refused.getMessage().contains(from.label()) || refused.current() != from
                            || t.version != version || t.status != from) {
                        wrong.add(step + " from " + from + ": refused without naming the state, or changed the ticket: "
                                + refused.getMessage());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aRefusalOffersExactlyTheStepsThisCallerMayTakeNow() {
        Ticket t = ticket(TicketStatus.RECEIVED);
        try {
            t.handle(new TicketCommand.Close(null), ModelFixtures.dispatcher(), at(NOW));
            fail("CLOSE from RECEIVED was taken");
        } catch (StepRefused refused) {
            assertEquals(t.allowedSteps(ModelFixtures.dispatcher(), ModelFixtures.OWNERS, NOW), refused.allowed());
            assertTrue(refused.allowed().contains(Step.DISPATCH));
            assertTrue(refused.allowed().stream().noneMatch(ActingRules.TIME_LIMIT_WATCH::contains),
                    "a person is never offered a step of the watch");
        }
    }
}
