package io.lastmile.routing;

import java.util.List;

/**
 * What each stage of a matter's tickets is given, rule by rule in the order they are tried, so
 * that the catalog shows operators the limits in force. Implemented by the time-limits capability,
 * which alone knows the urgency defaults and decides the precedence (docs/time-limits.md).
 */
public interface MatterTimeLimits {

    /**
     * One rule of one stage.
     *
     * @param stage     queue, signFor or completion
     * @param source    which rule: matter, channel, urgency, promised or default, in the order they are tried
     * @param appliesTo the tickets it is for: every ticket of the matter, a channel and kind (12315 COMPLAINT), an
     *                  urgency (CRITICAL), or the rest
     * @param limit     the limit in the counting's unit
     * @param counting  working-days, working-hours, working-minutes, calendar-hours, calendar-minutes or calendar-seconds
     * @param from      where it counts from: receipt, dispatch, sign-for, or receipt or a return (the queue)
     * @param basis     where the limit comes from, when the catalog says
     */
    record StageRule(String stage, String source, String appliesTo, long limit, String counting, String from,
            String basis) {
    }

    /** The rules of each stage of the matter, the first that applies to a ticket giving its limit. */
    List<StageRule> stagesOf(CatalogItem matter, Catalog catalog);
}
