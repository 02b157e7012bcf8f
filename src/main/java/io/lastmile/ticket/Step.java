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
    ANSWER_AT_INTAKE("TicketAnsweredAtIntake", CLOSED, RECEIVED),
    /** 立案 */
    REGISTER("TicketRegistered", REGISTERED, RECEIVED),
    /** 派遣, by the routing rules or to a unit a dispatcher names. */
    DISPATCH("TicketDispatched", DISPATCHED, RECEIVED, REGISTERED),
    /** 签收: the unit accepts the hand-over. */
    SIGN_FOR("TicketSignedFor", SIGNED_FOR, DISPATCHED),
    /** 处置 begins. */
    START("TicketStarted", IN_PROGRESS, SIGNED_FOR),
    /** 退回 with a reason: back to the dispatcher. */
    RETURN("TicketReturned", RETURNED, DISPATCHED, SIGNED_FOR),
    /** The dispatcher accepts a return and routes it to another unit. */
    ACCEPT_RETURN("TicketReturnAccepted", DISPATCHED, RETURNED),
    /** The dispatcher rejects a return and forces the assignment. */
    REJECT_RETURN("TicketReturnRejected", DISPATCHED, RETURNED),
    /** Another unit takes over. */
    REASSIGN("TicketReassigned", DISPATCHED, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** 联办: a lead unit plus assisting units. */
    START_JOINT_HANDLING("TicketJointHandlingStarted", null, REGISTERED, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** An assisting unit reports its part. */
    REPORT_ASSISTANCE("TicketAssistanceReported", null, DISPATCHED, SIGNED_FOR, IN_PROGRESS),
    /** 延期 requested: the clock waits for the decision. */
    REQUEST_EXTENSION("TicketExtensionRequested", EXTENSION_REQUESTED, SIGNED_FOR, IN_PROGRESS),
    APPROVE_EXTENSION("TicketExtensionApproved", null, EXTENSION_REQUESTED),
    DENY_EXTENSION("TicketExtensionDenied", null, EXTENSION_REQUESTED),
    /** 补办: the citizen must bring documents; the clock waits. */
    REQUEST_DOCUMENTS("TicketDocumentsRequested", WAITING_FOR_DOCUMENTS, SIGNED_FOR, IN_PROGRESS),
    RESUME_WITH_DOCUMENTS("TicketDocumentsReceived", null, WAITING_FOR_DOCUMENTS),
    /** 办结 with the result. */
    RESOLVE("TicketResolved", RESOLVED, IN_PROGRESS),
    /** 核查 */
    VERIFY("TicketVerified", VERIFIED, RESOLVED),
    /** 结案 */
    CLOSE("TicketClosed", CLOSED, VERIFIED),
    /** 回访 with the five-level satisfaction. */
    REVISIT("TicketRevisited", REVISITED, CLOSED),
    /** 重办: the citizen was not satisfied; the unit handles it again. */
    REDO("TicketRedone", DISPATCHED, REVISITED),
    /** 督办: a supervisor presses the unit; the state stays. */
    SUPERVISE("TicketSupervised", null, RECEIVED, REGISTERED, DISPATCHED, SIGNED_FOR, IN_PROGRESS, EXTENSION_REQUESTED,
            WAITING_FOR_DOCUMENTS, RETURNED, RESOLVED, VERIFIED),
    /** 升级: to the next level up (village → township → county). */
    ESCALATE("TicketEscalated", DISPATCHED, DISPATCHED, SIGNED_FOR, IN_PROGRESS, RETURNED),
    /** 合并 into an earlier ticket about the same matter. */
    MERGE("TicketMerged", MERGED, RECEIVED, REGISTERED, DISPATCHED),
    /** Undoes a 合并 that was wrong (an automatic link or a dispatcher's): back to the state before it. */
    UNMERGE("TicketUnmerged", null, MERGED),
    /** 黄牌: the time limit is close; the state stays. */
    RAISE_YELLOW_CARD("YellowCardRaised", null, DISPATCHED, SIGNED_FOR, IN_PROGRESS, CLOSED),
    /** 红牌: overdue; the state stays, the ticket is supervised until done. */
    RAISE_RED_CARD("RedCardRaised", null, DISPATCHED, SIGNED_FOR, IN_PROGRESS, CLOSED),
    /** The township's operator answers a kiosk press. */
    PICK_UP("KioskPressPickedUp", null, RECEIVED, REGISTERED, DISPATCHED),
    /** Nobody answered a kiosk press in time: the county command center steps in (seed 003). */
    KIOSK_UNANSWERED("KioskPressUnanswered", null, RECEIVED, REGISTERED, DISPATCHED);

    private final String eventType;
    private final TicketStatus target;
    private final Set<TicketStatus> from;

    Step(String eventType, TicketStatus target, TicketStatus first, TicketStatus... rest) {
        this.eventType = eventType;
        this.target = target;
        this.from = EnumSet.of(first, rest);
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

    /** The steps a ticket in this state can take, for the 409 answer and for screens. */
    public static Set<Step> allowedSteps(TicketStatus status) {
        Set<Step> allowed = EnumSet.noneOf(Step.class);
        for (Step step : values()) {
            if (step.allowedFrom(status)) {
                allowed.add(step);
            }
        }
        return allowed;
    }
}
