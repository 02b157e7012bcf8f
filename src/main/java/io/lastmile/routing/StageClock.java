package io.lastmile.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One stage's time limit as the catalog writes it, e.g. {@code {"limit": 7, "counting": "working-days",
 * "from": "receipt"}}: the limit in the unit its counting names (unlike {@code promisedLimitDays},
 * always in days), and where it counts from; without {@code from}, from the stage's own start.
 *
 * @param limit    a whole number in the counting's unit
 * @param counting working-days, working-hours, calendar-hours or calendar-minutes
 * @param from     {@code receipt}, or absent for the stage's own start (dispatch for the sign-for, the sign-for for
 *                 completion, receipt or a return for the queue)
 */
public record StageClock(Integer limit, String counting, String from) {

    /** The one start a stage clock may name besides its own. */
    public static final String FROM_RECEIPT = "receipt";

    /** How a stage clock counts, and the longest limit it takes: about a year of it, so that no deadline is lost in time. */
    public enum Counting {
        WORKING_DAYS(250), WORKING_HOURS(2000), CALENDAR_HOURS(366 * 24), CALENDAR_MINUTES(366 * 24 * 60);

        private final int longest;

        Counting(int longest) {
            this.longest = longest;
        }

        public int longest() {
            return longest;
        }

        /** As the catalog writes it: {@code working-days} … */
        public String written() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Counting> of(String written) {
            return Arrays.stream(values()).filter(c -> c.written().equals(written)).findFirst();
        }

        static String allWritten() {
            return String.join(", ", Arrays.stream(values()).map(Counting::written).toList());
        }
    }

    /** The counting of a clock that passed the catalog check (only such clocks reach the time limits). */
    public Counting counted() {
        return Counting.of(counting).orElseThrow(() -> new IllegalStateException("unchecked stage clock: " + counting));
    }

    public boolean countsFromReceipt() {
        return FROM_RECEIPT.equals(from);
    }

    /**
     * What is wrong with this clock, each problem naming where it is; empty when nothing is.
     *
     * @param startsAtReceipt whether the stage starts at receipt anyway (the queue), so that {@code from} says nothing
     */
    List<String> problems(String where, boolean startsAtReceipt) {
        List<String> problems = new ArrayList<>();
        Optional<Counting> counted = Counting.of(counting);
        if (counted.isEmpty()) {
            problems.add(where + ".counting: must be one of " + Counting.allWritten()
                    + (counting == null ? " (it is missing)" : " (not '" + counting + "')"));
        }
        if (limit == null) {
            problems.add(where + ".limit: is missing (a whole number in the counting's unit)");
        } else if (counted.isPresent() && (limit < 1 || limit > counted.get().longest())) {
            problems.add(where + ".limit: must be a whole number from 1 to " + counted.get().longest() + " "
                    + counted.get().written() + " (not " + limit + ")");
        } else if (counted.isEmpty() && limit < 1) {
            problems.add(where + ".limit: must be positive (not " + limit + ")");
        }
        if (from != null && startsAtReceipt) {
            problems.add(where + ".from: the queue clock starts at receipt or a return already; leave 'from' out");
        } else if (from != null && !countsFromReceipt()) {
            problems.add(where + ".from: must be '" + FROM_RECEIPT + "' or absent for the stage's own start (not '"
                    + from + "')");
        }
        return problems;
    }
}
