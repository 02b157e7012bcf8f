package io.lastmile.ticket;

import java.util.List;

import static io.lastmile.ticket.InvalidCommand.optional;
import static io.lastmile.ticket.InvalidCommand.required;

/**
 * One small record per workflow step: what the step needs, checked when the command is built
 * ({@link InvalidCommand}, a {@code 422} naming the field). Whether the step may be taken now,
 * and by whom, is the ticket's decision ({@link Ticket#handle}).
 */
public sealed interface TicketCommand {

    /** The step this command takes. */
    Step step();

    /** Why, when the step has a reason: it goes on the timeline. */
    default String reason() {
        return null;
    }

    /**
     * Whether only the service sends this command: the system's dispatch at receipt and escalation
     * by the clock; a person's dispatch and escalation are the other commands of those steps.
     */
    default boolean bySystemOnly() {
        return false;
    }

    /** 即办件: an operator answers a consultation on the phone and closes it at once. */
    record AnswerAtIntake(String result) implements TicketCommand {
        public AnswerAtIntake {
            result = required("result", result);
        }

        public Step step() {
            return Step.ANSWER_AT_INTAKE;
        }
    }

    /** 立案, optionally to another catalog item than routing's classification. */
    record Register(String catalogCode) implements TicketCommand {
        public Register {
            catalogCode = optional(catalogCode);
        }

        public Step step() {
            return Step.REGISTER;
        }
    }

    /** 派遣 to the named unit, or by the routing rules when none is named. */
    record Dispatch(String unitCode, String reason) implements TicketCommand {
        public Dispatch {
            reason = optional(reason);
            unitCode = optional(unitCode);
        }

        public Step step() {
            return Step.DISPATCH;
        }
    }

    /**
     * 派遣 by the service at receipt, by the routing rules, when the routing is certain (a classified
     * matter, a village or better, a holder on duty): only while nothing else has happened to the ticket.
     */
    record DispatchOnReceipt(String reason) implements TicketCommand {
        public DispatchOnReceipt {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.DISPATCH;
        }

        @Override
        public boolean bySystemOnly() {
            return true;
        }
    }

    /** 签收: the unit accepts the hand-over and answers for the ticket from now on. */
    record SignFor() implements TicketCommand {
        public Step step() {
            return Step.SIGN_FOR;
        }
    }

    /** 处置 begins. */
    record Start() implements TicketCommand {
        public Step step() {
            return Step.START;
        }
    }

    /** 退回: the unit sends the ticket back to the command center, with why. */
    record ReturnToDispatcher(String reason) implements TicketCommand {
        public ReturnToDispatcher {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.RETURN;
        }
    }

    /** The dispatcher accepts a return and routes the ticket to another unit. */
    record AcceptReturn(String unitCode, String reason) implements TicketCommand {
        public AcceptReturn {
            reason = optional(reason);
            unitCode = required("unitCode", unitCode);
        }

        public Step step() {
            return Step.ACCEPT_RETURN;
        }
    }

    /** The dispatcher rejects a return: the unit that returned it must handle it. */
    record RejectReturn(String reason) implements TicketCommand {
        public RejectReturn {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.REJECT_RETURN;
        }
    }

    /** Another unit takes over. */
    record Reassign(String unitCode, String reason) implements TicketCommand {
        public Reassign {
            reason = optional(reason);
            unitCode = required("unitCode", unitCode);
        }

        public Step step() {
            return Step.REASSIGN;
        }
    }

    /** 联办: the owning unit leads, the units listed assist. */
    record StartJointHandling(List<String> units) implements TicketCommand {
        public StartJointHandling {
            if (units == null || units.isEmpty() || units.stream().anyMatch(u -> u == null || u.isBlank())) {
                throw new InvalidCommand("units", "请指定协办单位 (at least one assisting unit is required)");
            }
            units = units.stream().map(String::strip).distinct().toList();
        }

        public Step step() {
            return Step.START_JOINT_HANDLING;
        }
    }

    /**
     * An assisting unit reports its part. An official reports for their own unit; {@code unitCode}
     * names the assisting unit only when a dispatcher files the report on its behalf.
     */
    record ReportAssistance(String unitCode, String result) implements TicketCommand {
        public ReportAssistance {
            unitCode = optional(unitCode);
            result = required("result", result);
        }

        public Step step() {
            return Step.REPORT_ASSISTANCE;
        }
    }

    /** 延期 requested: 1 to 90 more days, with why; the clock waits for the decision. */
    record RequestExtension(int days, String reason) implements TicketCommand {
        public RequestExtension {
            days = extensionDays(days);
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.REQUEST_EXTENSION;
        }
    }

    record ApproveExtension(int days, String reason) implements TicketCommand {
        public ApproveExtension {
            reason = optional(reason);
            days = extensionDays(days);
        }

        public Step step() {
            return Step.APPROVE_EXTENSION;
        }
    }

    record DenyExtension(String reason) implements TicketCommand {
        public DenyExtension {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.DENY_EXTENSION;
        }
    }

    /** 补办: everything the citizen must bring, listed at once (一次性告知); the clock waits. */
    record RequestDocuments(List<String> documents, String reason) implements TicketCommand {
        public RequestDocuments {
            if (documents == null || documents.isEmpty() || documents.stream().anyMatch(d -> d == null || d.isBlank())) {
                throw new InvalidCommand("documents", "请列出需补充的材料 (list every document the citizen must bring, at once: 一次性告知)");
            }
            documents = List.copyOf(documents);
            reason = optional(reason);
        }

        public Step step() {
            return Step.REQUEST_DOCUMENTS;
        }
    }

    record ResumeWithDocuments() implements TicketCommand {
        public Step step() {
            return Step.RESUME_WITH_DOCUMENTS;
        }
    }

    /** 办结 with the result. */
    record Resolve(String result) implements TicketCommand {
        public Resolve {
            result = required("result", result);
        }

        public Step step() {
            return Step.RESOLVE;
        }
    }

    /** 核查, with an optional note. */
    record Verify(String reason) implements TicketCommand {
        public Verify {
            reason = optional(reason);
        }

        public Step step() {
            return Step.VERIFY;
        }
    }

    /** 结案, with an optional note. */
    record Close(String reason) implements TicketCommand {
        public Close {
            reason = optional(reason);
        }

        public Step step() {
            return Step.CLOSE;
        }
    }

    /** 回访 with the five-level satisfaction. */
    record Revisit(String satisfaction) implements TicketCommand {
        /** The five levels, best first. */
        public static final List<String> SATISFACTION = List.of("非常满意", "满意", "基本满意", "不满意", "非常不满意");
        /** The levels that make a ticket eligible for 重办. */
        public static final List<String> UNSATISFIED = List.of("不满意", "非常不满意");

        public Revisit {
            satisfaction = required("satisfaction", satisfaction);
            if (!SATISFACTION.contains(satisfaction)) {
                throw new InvalidCommand("satisfaction", "满意度须为 " + String.join("/", SATISFACTION) + " (unknown satisfaction)");
            }
        }

        public Step step() {
            return Step.REVISIT;
        }
    }

    /** 重办: the citizen was not satisfied; the unit handles it again. */
    record Redo(String reason) implements TicketCommand {
        public Redo {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.REDO;
        }
    }

    /**
     * 督办: presses the unit, with a note and optionally a new completion deadline, in working days
     * from now or as a moment (not both).
     */
    record Supervise(String reason, Integer days, java.time.Instant until) implements TicketCommand {
        public Supervise {
            reason = required("reason", reason);
            if (days != null && (days < 1 || days > 90)) {
                throw new InvalidCommand("days", "督办期限须在1到90个工作日之间 (days must be 1 to 90)");
            }
            if (days != null && until != null) {
                throw new InvalidCommand("until", "工作日数与截止时间只能填一个 (give days or until, not both)");
            }
        }

        public Supervise(String reason, Integer days) {
            this(reason, days, null);
        }

        public Step step() {
            return Step.SUPERVISE;
        }
    }

    /** 升级 by a person: to the next level up (village → township → county). */
    record Escalate(String reason) implements TicketCommand {
        public Escalate {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.ESCALATE;
        }
    }

    /** 升级 by the clock: a red card left unresolved moves the ticket one level up. The time-limit watch's only. */
    record EscalateOverdue() implements TicketCommand {
        public Step step() {
            return Step.ESCALATE;
        }

        @Override
        public boolean bySystemOnly() {
            return true;
        }

        @Override
        public String reason() {
            return "红牌逾期未办结，自动升级 (red card unresolved: escalated automatically)";
        }
    }

    /** 合并 into an earlier ticket about the same matter. */
    record Merge(String intoTicketNumber, String reason) implements TicketCommand {
        public Merge {
            intoTicketNumber = required("intoTicketNumber", intoTicketNumber);
            reason = optional(reason);
        }

        public Step step() {
            return Step.MERGE;
        }
    }

    /** Undoes a 合并 that was wrong: back to the state before it. */
    record Unmerge(String reason) implements TicketCommand {
        public Unmerge {
            reason = required("reason", reason);
        }

        public Step step() {
            return Step.UNMERGE;
        }
    }

    /**
     * A caller's ticket follows its primary's step (see {@link Step#FOLLOW_PRIMARY}): taken by the
     * service in the primary's transaction, never by a person.
     */
    record FollowPrimary(String primaryTicketNumber, Step primaryStep, TicketStatus primaryStatus, String unitCode,
            String result) implements TicketCommand {
        public FollowPrimary {
            primaryTicketNumber = required("primaryTicketNumber", primaryTicketNumber);
        }

        public Step step() {
            return Step.FOLLOW_PRIMARY;
        }

        @Override
        public String reason() {
            return "随主单 " + primaryTicketNumber + " " + primaryStep.label() + " (follows its primary)";
        }
    }

    /** The township's operator answers a kiosk press. */
    record PickUp() implements TicketCommand {
        public Step step() {
            return Step.PICK_UP;
        }
    }

    /** 黄牌, by the time-limit watch. */
    record RaiseYellowCard() implements TicketCommand {
        public Step step() {
            return Step.RAISE_YELLOW_CARD;
        }
    }

    /** 红牌, by the time-limit watch. */
    record RaiseRedCard() implements TicketCommand {
        public Step step() {
            return Step.RAISE_RED_CARD;
        }
    }

    /** Nobody answered a kiosk press in time: the county command center steps in (seed 003). */
    record KioskUnanswered() implements TicketCommand {
        public Step step() {
            return Step.KIOSK_UNANSWERED;
        }

        @Override
        public String reason() {
            return "便民服务点呼叫无人接听，县指挥中心介入 (nobody picked up the kiosk press in time)";
        }
    }

    private static int extensionDays(int days) {
        if (days < 1 || days > 90) {
            throw new InvalidCommand("days", "延期天数须在1到90之间 (days must be 1 to 90)");
        }
        return days;
    }
}
