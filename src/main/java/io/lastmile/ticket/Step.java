package io.lastmile.ticket;

import java.util.EnumSet;
import java.util.Set;

import static io.lastmile.ticket.TicketStatus.CLOSED;
import static io.lastmile.ticket.TicketStatus.DISPATCHED;
import static io.lastmile.ticket.TicketStatus.EXTENSION_REQUESTED;
import static io.lastmile.ticket.TicketStatus.IN_PROGRESS;
import static io.lastmile.ticket.TicketStatus.MERGED;
import static io.lastmile.ticket.TicketStatus.RECEIVED;
import static io.lastmile.ticket.TicketStatus.REGISTERED;
import static io.lastmile.ticket.TicketStatus.RESOLVED;
import static io.lastmile.ticket.TicketStatus.RETURNED;
import static io.lastmile.ticket.TicketStatus.REVISITED;
import static io.lastmile.ticket.TicketStatus.SIGNED_FOR;
import static io.lastmile.ticket.TicketStatus.VERIFIED;
import static io.lastmile.ticket.TicketStatus.WAITING_FOR_DOCUMENTS;

/**
 * Every step of the workflow: from which states it may be taken, the state it leads to, and the
 * event it records. A step whose target is null keeps the state (督办, a joint report) or returns to
 * the state before a pause (延期 decisions, 补办 resumed) or before a merge (合并 undone).
 */
public enum Step {
    /** 即办件: an operator answers a consultation on the phone and closes it at once. */
    ANSWER_AT_INTAKE("即办", "TicketAnsweredAtIntake", CLOSED, RECEIVED),
    /** 立案 */
    REGISTER("立案", "TicketRegistered", REGISTERED, RECEIVED),
    /** 派遣, by the routing rules or to a unit a dispatcher names. */
    DISPATCH("派遣", "TicketDispatched", DISPATCHED, RECEIVED, REGISTERED),
    /** 签收: the unit accepts the hand-over. */
    SIGN_FOR("签收", "TicketSignedFor", SIGNED_FOR, DISPATCHED),
    /** 处置 begins. */
    START("处置", "TicketStarted", IN_PROGRESS, SIGNED_FOR),
    /** 退回 with a reason: back to the dispatcher. */
    RETURN("退回", "TicketReturned", RETURNED, DISPATCHED, SIGNED_FOR),
    /** The dispatcher accepts a return and routes it to another unit. */
    ACCEPT_RETURN("同意退回并改派", "TicketReturnAccepted", DISPATCHED, RETURNED),
    /** The dispatcher rejects a return and forces the assignment. */
    REJECT_RETURN("驳回退回", "TicketReturnRejected", DISPATCHED, RETURNED),
    /** Another unit takes over. */
    REASSIGN("改派", "TicketReassigned", DISPATCHED, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** 联办: a lead unit plus assisting units. */
    START_JOINT_HANDLING("发起联办", "TicketJointHandlingStarted", null, REGISTERED, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** An assisting unit reports its part. */
    REPORT_ASSISTANCE("反馈协办结果", "TicketAssistanceReported", null, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** 延期 requested: the clock waits for the decision. */
    REQUEST_EXTENSION("申请延期", "TicketExtensionRequested", EXTENSION_REQUESTED, SIGNED_FOR, IN_PROGRESS),
    APPROVE_EXTENSION("批准延期", "TicketExtensionApproved", null, EXTENSION_REQUESTED),
    DENY_EXTENSION("驳回延期", "TicketExtensionDenied", null, EXTENSION_REQUESTED),
    /** 补办: the citizen must bring documents; the clock waits. */
    REQUEST_DOCUMENTS("要求补办", "TicketDocumentsRequested", WAITING_FOR_DOCUMENTS, SIGNED_FOR, IN_PROGRESS),
    RESUME_WITH_DOCUMENTS("补办材料已到", "TicketDocumentsReceived", null, WAITING_FOR_DOCUMENTS),
    /** 办结 with the result. */
    RESOLVE("办结", "TicketResolved", RESOLVED, IN_PROGRESS),
    /** 核查 */
    VERIFY("核查", "TicketVerified", VERIFIED, RESOLVED),
    /** 结案 */
    CLOSE("结案", "TicketClosed", CLOSED, VERIFIED),
    /** 回访 with the five-level satisfaction. */
    REVISIT("回访", "TicketRevisited", REVISITED, CLOSED),
    /** 重办: the citizen was not satisfied; the unit handles it again. */
    REDO("重办", "TicketRedone", DISPATCHED, REVISITED),
    /** 督办: a supervisor presses the unit; the state stays. */
    SUPERVISE("督办", "TicketSupervised", null, RECEIVED, REGISTERED, DISPATCHED, SIGNED_FOR, IN_PROGRESS, EXTENSION_REQUESTED,
            WAITING_FOR_DOCUMENTS, RETURNED, RESOLVED, VERIFIED),
    /** 升级: to the next level up (village → township → county). */
    ESCALATE("升级", "TicketEscalated", DISPATCHED, DISPATCHED, SIGNED_FOR, IN_PROGRESS, RETURNED),
    /** 合并 into an earlier ticket about the same matter. */
    MERGE("合并", "TicketMerged", MERGED, RECEIVED, REGISTERED, DISPATCHED),
    /** Undoes a 合并 that was wrong (an automatic link or a dispatcher's): back to the state before it. */
    UNMERGE("取消合并", "TicketUnmerged", null, MERGED),
    /**
     * A caller's ticket merged into a primary follows it: the primary was dispatched, moved to another
     * unit, resolved or closed, and the caller's ticket takes its unit and result; the state stays.
     */
    FOLLOW_PRIMARY("随主单办理", "TicketFollowedPrimary", null, MERGED),
    /** 黄牌: the time limit is close (the queue's, the unit's, or the citizen feedback's); the state stays. */
    RAISE_YELLOW_CARD("亮黄牌", "YellowCardRaised", null, RECEIVED, REGISTERED, RETURNED, DISPATCHED, SIGNED_FOR, IN_PROGRESS,
            CLOSED),
    /** 红牌: overdue; the state stays, the ticket is supervised until done. */
    RAISE_RED_CARD("亮红牌", "RedCardRaised", null, RECEIVED, REGISTERED, RETURNED, DISPATCHED, SIGNED_FOR, IN_PROGRESS, CLOSED),
    /** The township's operator answers a kiosk press. */
    PICK_UP("接听呼叫", "KioskPressPickedUp", null, RECEIVED, REGISTERED, DISPATCHED),
    /** Nobody answered a kiosk press in time: the county command center steps in (seed 003). */
    KIOSK_UNANSWERED("转县指挥中心", "KioskPressUnanswered", null, RECEIVED, REGISTERED, DISPATCHED);

    private final String label;
    private final String eventType;
    private final TicketStatus target;
    private final Set<TicketStatus> from;

    Step(String label, String eventType, TicketStatus target, TicketStatus first, TicketStatus... rest) {
        this.label = label;
        this.eventType = eventType;
        this.target = target;
        this.from = EnumSet.of(first, rest);
    }

    /** The Chinese term users read on a button or in a refusal. */
    public String label() {
        return label;
    }

    /** The past-tense event type on the timeline and on {@code ticket-events}. */
    public String eventType() {
        return eventType;
    }

    public boolean allowedFrom(TicketStatus status) {
        return from.contains(status);
    }

    /** The state after the step; {@code resumeTo} is the state before a pause (延期, 补办). */
    public TicketStatus target(TicketStatus current, TicketStatus resumeTo) {
        if (target != null) {
            return target;
        }
        return switch (this) {
            case APPROVE_EXTENSION, DENY_EXTENSION, RESUME_WITH_DOCUMENTS -> resumeTo == null ? IN_PROGRESS : resumeTo;
            case UNMERGE -> resumeTo == null ? RECEIVED : resumeTo;
            default -> current;
        };
    }

    /**
     * The steps the state machine allows from this state, whoever asks; what one caller may do is
     * {@link Ticket#allowedSteps}.
     */
    public static Set<Step> allowedFromState(TicketStatus status) {
        Set<Step> allowed = EnumSet.noneOf(Step.class);
        for (Step step : values()) {
            if (step.allowedFrom(status)) {
                allowed.add(step);
            }
        }
        return allowed;
    }
}
