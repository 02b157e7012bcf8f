package io.lastmile.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The time limits that are not per matter: defaults after published rules (Beijing DB11/T
 * 2021-2022: within 1 h for emergencies, 2 h for urgent supply matters, 24 h otherwise).
 */
@ConfigMapping(prefix = "lastmile.sla")
public interface SlaConfig {

    /** The working calendar (工作日历): holidays come from data admins load; these are its settings. */
    Calendar calendar();

    interface Calendar {

        /** The working periods of a working day, {@code HH:mm-HH:mm} separated by commas. */
        @WithDefault("08:30-12:00,14:30-17:30")
        String workingHours();

        /** How often each replica picks up calendar years an admin loaded on another replica. */
        @WithDefault("5s")
        String reloadInterval();
    }

    /**
     * Batches of due steps the watch takes at once, each in its own transaction on its own pooled
     * connection (and Vert.x context): PostgreSQL works on several while the service reads and writes
     * the rows of another. Four kept two cores busy when 20,000 cards fell due at once (docs/measurements.md).
     */
    @WithDefault("4")
    int scanParallelBatches();

    /** The queue clock (待派遣时限) from receipt to dispatch of a 特急 ticket, in calendar time. */
    @WithDefault("15m")
    Duration queueCritical();

    /** The queue clock of a 紧急 ticket, in calendar time. */
    @WithDefault("30m")
    Duration queueUrgent();

    /** The queue clock of a 一般 ticket, in working time (2 h: the rest of a morning, say, or across a lunch break). */
    @WithDefault("2h")
    Duration queueNormalWorkingTime();

    /** 签收时限 of a 特急 ticket, in calendar time. */
    @WithDefault("1h")
    Duration signForCritical();

    /** 签收时限 of a 紧急 ticket. */
    @WithDefault("2h")
    Duration signForUrgent();

    /** 签收时限 of a 一般 ticket. */
    @WithDefault("24h")
    Duration signForNormal();

    /** 办结时限 of a ticket with no catalog item, in working days. */
    @WithDefault("5")
    int defaultCompletionWorkingDays();

    /** 回访时限 after closing, in working days. */
    @WithDefault("3")
    int feedbackWorkingDays();

    /** Whether the completion clock starts at dispatch or at sign-for ({@code dispatch} | {@code sign-for}). */
    @WithDefault("sign-for")
    String completionClockStarts();

    /** Yellow card once this share of the time is used … */
    @WithDefault("0.8")
    double yellowShare();

    /** … or once only this much is left, whichever comes first (in working time for working-time limits) … */
    @WithDefault("2h")
    Duration yellowTimeLeft();

    /** … the time-left rule applying only to limits longer than this (a 2 h limit is not yellow at once). */
    @WithDefault("10h")
    Duration yellowTimeLeftAbove();

    /** A red card unresolved this long moves the ticket one level up (升级: village → township → county). */
    @WithDefault("24h")
    Duration autoEscalateAfterRed();

    /** How often the watch looks for due cards and unanswered kiosk presses (each crossing is flagged within it). */
    @WithDefault("1s")
    Duration scanInterval();

    /** A RED kiosk press not picked up within this goes to the county command center. */
    @WithDefault("5m")
    Duration kioskRedPickup();

    /** A GREEN kiosk press not picked up within this goes to the county command center. */
    @WithDefault("30m")
    Duration kioskGreenPickup();
}
