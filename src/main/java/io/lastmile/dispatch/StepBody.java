package io.lastmile.dispatch;

import io.lastmile.ticket.Step;
import io.lastmile.ticket.TicketCommand;

import java.util.List;

/**
 * What an action may carry over REST; {@link #command} turns it into the step's command, which
 * refuses a missing or impossible field with {@code 422} naming it.
 *
 * @param reason           why: required to return (退回), redo (重办), supervise (督办), escalate (升级), deny an extension
 * @param unitCode         the unit to dispatch or reassign to, or, for a dispatcher, the assisting unit that reports (联办)
 * @param catalogCode      the matter when registering (立案) differently from the routing's classification
 * @param units            the assisting units of a joint handling (联办)
 * @param documents        what the citizen must bring (补办)
 * @param days             extension days (延期), 1 to 90; with 督办, the new deadline in working days
 * @param result           the result (办结), the answer given at intake (即办件), or an assisting unit's report
 * @param satisfaction     非常满意, 满意, 基本满意, 不满意 or 非常不满意 (回访)
 * @param intoTicketNumber the earlier ticket to merge into (合并)
 * @param until            with 督办, the new deadline as a date-time with offset ({@code 2026-12-03T17:30:00+08:00}), instead of days
 */
public record StepBody(String reason, String unitCode, String catalogCode, List<String> units, List<String> documents,
        Integer days, String result, String satisfaction, String intoTicketNumber, java.time.OffsetDateTime until) {

    static final StepBody EMPTY = new StepBody(null, null, null, null, null, null, null, null, null, null);

    /** The command of a step a person takes over REST (the watch's steps are not among them). */
    TicketCommand command(Step step) {
        int dayCount = days == null ? 0 : days;
        return switch (step) {
            case ANSWER_AT_INTAKE -> new TicketCommand.AnswerAtIntake(result);
            case REGISTER -> new TicketCommand.Register(catalogCode);
            case DISPATCH -> new TicketCommand.Dispatch(unitCode, reason);
            case SIGN_FOR -> new TicketCommand.SignFor();
            case START -> new TicketCommand.Start();
            case RETURN -> new TicketCommand.ReturnToDispatcher(reason);
            case ACCEPT_RETURN -> new TicketCommand.AcceptReturn(unitCode, reason);
            case REJECT_RETURN -> new TicketCommand.RejectReturn(reason);
            case REASSIGN -> new TicketCommand.Reassign(unitCode, reason);
            case START_JOINT_HANDLING -> new TicketCommand.StartJointHandling(units);
            case REPORT_ASSISTANCE -> new TicketCommand.ReportAssistance(unitCode, result);
            case REQUEST_EXTENSION -> new TicketCommand.RequestExtension(dayCount, reason);
            case APPROVE_EXTENSION -> new TicketCommand.ApproveExtension(dayCount, reason);
            case DENY_EXTENSION -> new TicketCommand.DenyExtension(reason);
            case REQUEST_DOCUMENTS -> new TicketCommand.RequestDocuments(documents, reason);
            case RESUME_WITH_DOCUMENTS -> new TicketCommand.ResumeWithDocuments();
            case RESOLVE -> new TicketCommand.Resolve(result);
            case VERIFY -> new TicketCommand.Verify(reason);
            case CLOSE -> new TicketCommand.Close(reason);
            case REVISIT -> new TicketCommand.Revisit(satisfaction);
            case REDO -> new TicketCommand.Redo(reason);
            case SUPERVISE -> new TicketCommand.Supervise(reason, days, until == null ? null : until.toInstant());
            case ESCALATE -> new TicketCommand.Escalate(reason);
            case MERGE -> new TicketCommand.Merge(intoTicketNumber, reason);
            case UNMERGE -> new TicketCommand.Unmerge(reason);
            case PICK_UP -> new TicketCommand.PickUp();
            case RAISE_YELLOW_CARD, RAISE_RED_CARD, KIOSK_UNANSWERED -> throw new IllegalArgumentException(
                    step + " is raised by the time-limit watch, never over REST");
            case FOLLOW_PRIMARY -> throw new IllegalArgumentException(step + " follows a primary's step, never over REST");
        };
    }
}
