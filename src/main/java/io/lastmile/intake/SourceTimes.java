package io.lastmile.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Source times into instants. Times without a zone are Asia/Shanghai local time. A time more than
 * ten minutes ahead (a wrong clock) or older than a year (a replay from an archive) is refused.
 */
final class SourceTimes {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(10);

    static Instant local(String field, String text, String pattern) {
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern)).atZone(LOCAL).toInstant();
        } catch (DateTimeParseException e) {
            throw IntakeRejected.invalid(field, "时间格式应为 " + pattern + " (expected " + pattern + ", got '" + text + "')");
        }
    }

    static Instant withOffset(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw IntakeRejected.invalid(field, "时间须为带时区的 ISO-8601 (expected ISO-8601 with offset, e.g. "
                    + "2026-11-22T09:20:11+08:00, got '" + text + "')");
        }
    }

    /** The time must be plausible for a matter reported now. */
    static Instant recent(String field, Instant time, Instant now) {
        if (time.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw IntakeRejected.invalid(field, "时间晚于当前时间超过10分钟 (" + time.atZone(LOCAL).toOffsetDateTime()
                    + " is more than 10 minutes in the future)");
        }
        if (time.isBefore(now.atZone(LOCAL).minusYears(1).toInstant())) {
            throw IntakeRejected.invalid(field, "时间早于一年前 (" + time.atZone(LOCAL).toOffsetDateTime()
                    + " is older than one year)");
        }
        return time;
    }

    private SourceTimes() {
    }
}
