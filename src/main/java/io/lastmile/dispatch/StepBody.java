package io.lastmile.dispatch;

import java.util.List;

/**
 * What an action may carry; each action reads the fields it needs and refuses a missing one with
 * {@code 422} naming it.
 *
 * @param reason           why: required to return (退回), redo (重办), supervise (督办), escalate (升级), deny an extension
 * @param unitCode         the unit to dispatch or reassign to, or the assisting unit that reports (联办)
 * @param catalogCode      the matter when registering (立案) differently from the routing's classification
 * @param units            the assisting units of a joint handling (联办)
 * @param documents        what the citizen must bring (补办)
 * @param days             extension days (延期), 1 to 90; with 督办, the new deadline in working days
 * @param result           the result (办结), the answer given at intake (即办件), or an assisting unit's report
 * @param satisfaction     非常满意, 满意, 基本满意, 不满意 or 非常不满意 (回访)
 * @param intoTicketNumber the earlier ticket to merge into (合并)
 */
public record StepBody(String reason, String unitCode, String catalogCode, List<String> units, List<String> documents,
        Integer days, String result, String satisfaction, String intoTicketNumber) {

    static final StepBody EMPTY = new StepBody(null, null, null, null, null, null, null, null, null);
}
