package io.lastmile.kpi;

import io.lastmile.ticket.KpiQueries;

import java.util.List;

/**
 * The monthly assessment (考核): every group's counts and rates, the units' ranking and the tickets
 * that went overdue. Definitions in docs/kpis.md.
 *
 * @param month   the month assessed, {@code 2026-11} (Asia/Shanghai)
 * @param by      what the rows are: county, unit, channel, matter or township
 * @param unit    the one unit asked for, or null
 * @param ranking the units best first (按时办结率, then 满意率, then 签收率), only when the rows are units
 */
public record Assessment(String month, String by, String unit, List<Row> rows, List<Ranked> ranking, List<Overdue> overdue) {

    /** One group: what it is, its counts and its rates. */
    public record Row(String key, String name, KpiQueries.Counts counts, Rates rates) {
    }

    /**
     * The rates, each 0–1, or null when nothing was there to count; times in minutes and hours.
     *
     * @param signedFor      签收率: hand-overs signed for / hand-overs
     * @param signedOnTime   按时签收率: signed for within the limit / hand-overs
     * @param returned       回退率: hand-overs returned / hand-overs
     * @param redone         重办率: redone / closed
     * @param resolvedOnTime 按时办结率: resolved by the deadline / completion deadlines in the month
     * @param resolved       办结率: resolved / handled tickets received (an incident once)
     * @param immediate      即办率: answered at intake / received
     * @param disposed       处置率: urban cases resolved / urban cases dispatched
     * @param satisfied      满意率: 非常满意 + 满意 + 基本满意 / revisits answered
     */
    public record Rates(Double signedFor, Double signedOnTime, Double returned, Double redone, Double resolvedOnTime,
            Double resolved, Double immediate, Double disposed, Double satisfied, Double averageSignForMinutes,
            Double averageResolveHours) {

        public static Rates of(KpiQueries.Counts c) {
            return new Rates(share(c.signedFor(), c.handOvers()), share(c.signedOnTime(), c.handOvers()),
                    share(c.returned(), c.handOvers()), share(c.redone(), c.closed()),
                    share(c.resolvedOnTime(), c.completionDue()), share(c.resolved(), c.handled()),
                    share(c.immediate(), c.received()), share(c.urbanDisposed(), c.urbanDispatched()),
                    share(c.satisfied(), c.revisits()), average(c.signSeconds() / 60, c.signedFor()),
                    average(c.resolveSeconds() / 3600, c.resolved()));
        }

        private static Double share(long part, long whole) {
            return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
        }

        private static Double average(double total, long count) {
            return count == 0 ? null : Math.round(10.0 * total / count) / 10.0;
        }
    }

    public record Ranked(int rank, String unitCode, String unitName, Double resolvedOnTime, Double satisfied, Double signedFor) {
    }

    /** A ticket whose red card was raised in the month: overdue at some stage. */
    public record Overdue(String ticketNumber, String unitCode, String unitName, String status, String overdueAt) {
    }
}
