package io.lastmile.sla;

import io.lastmile.routing.StageClock;
import io.lastmile.routing.StageClocks.Stage;

import java.time.Duration;
import java.time.Instant;

/**
 * The limit one stage of one ticket has, as {@link StagePolicies} found it: how long, counted how,
 * from where, and which rule gave it.
 *
 * @param appliesTo   the tickets the rule is for (12315 COMPLAINT, CRITICAL …), for people to read
 * @param fromReceipt whether it counts from the ticket's receipt rather than from the stage's start
 * @param basis       where the limit comes from, when the catalog says
 */
record StageLimit(Stage stage, Source source, String appliesTo, Amount amount, boolean fromReceipt, String basis) {

    /** The rules that give a stage its limit, in the order they are tried (docs/time-limits.md). */
    enum Source {
        /** The matter's own stage clock (an emergency matter). */
        MATTER,
        /** The clock the ticket's channel sets for its kind (12315 complaints and reports). */
        CHANNEL,
        /** The urgency's limit (queue and sign-for): lastmile.sla.queue-* and sign-for-*. */
        URGENCY,
        /** The matter's promised limit (承诺时限) by its clock policy (completion). */
        PROMISED,
        /** The default completion limit of a ticket with no matter. */
        DEFAULT;

        String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A length of time as a limit counts it. */
    sealed interface Amount permits WorkingDays, WorkingTime, CalendarTime {

        /** The deadline this limit gives from {@code start}. */
        WorkingCalendar.Deadline after(WorkingCalendar calendar, Instant start);

        /** Whether it counts working minutes only (its yellow card then too). */
        boolean inWorkingTime();

        /** The limit as the catalog API shows it: a whole number and the unit it is in. */
        Written written();

        static Amount of(StageClock clock) {
            int limit = clock.limit();
            return switch (clock.counted()) {
                case WORKING_DAYS -> new WorkingDays(limit);
                case WORKING_HOURS -> new WorkingTime(Duration.ofHours(limit));
                case CALENDAR_HOURS -> new CalendarTime(Duration.ofHours(limit));
                case CALENDAR_MINUTES -> new CalendarTime(Duration.ofMinutes(limit));
            };
        }
    }

    /** {@code limit} in {@code counting}: 7 working-days, 15 calendar-minutes. */
    record Written(long limit, String counting) {

        /** In the largest unit that holds the time exactly (a test profile's 8 s stays 8 calendar-seconds). */
        static Written of(Duration time, String prefix) {
            if (time.toSeconds() % 3600 == 0) {
                return new Written(time.toHours(), prefix + "-hours");
            }
            return time.toSeconds() % 60 == 0 ? new Written(time.toMinutes(), prefix + "-minutes")
                    : new Written(time.toSeconds(), prefix + "-seconds");
        }
    }

    /** N working days: to the close of the Nth working day after the day of the start. */
    record WorkingDays(int days) implements Amount {

        @Override
        public WorkingCalendar.Deadline after(WorkingCalendar calendar, Instant start) {
            return calendar.addWorkingDays(start, days);
        }

        @Override
        public boolean inWorkingTime() {
            return true;
        }

        @Override
        public Written written() {
            return new Written(days, "working-days");
        }
    }

    /** Working hours and minutes: nights, lunch breaks and days off do not count. */
    record WorkingTime(Duration time) implements Amount {

        @Override
        public WorkingCalendar.Deadline after(WorkingCalendar calendar, Instant start) {
            return calendar.addWorkingMinutes(start, time.toMinutes());
        }

        @Override
        public boolean inWorkingTime() {
            return true;
        }

        @Override
        public Written written() {
            return Written.of(time, "working");
        }
    }

    /** Round the clock, holidays included. */
    record CalendarTime(Duration time) implements Amount {

        @Override
        public WorkingCalendar.Deadline after(WorkingCalendar calendar, Instant start) {
            return new WorkingCalendar.Deadline(start.plus(time), false);
        }

        @Override
        public boolean inWorkingTime() {
            return false;
        }

        @Override
        public Written written() {
            return Written.of(time, "calendar");
        }
    }
}
