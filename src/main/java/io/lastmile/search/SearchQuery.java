package io.lastmile.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A search as a person asks it, checked: every malformed parameter is refused with its name
 * ({@link SearchParameterInvalid}) before the search node sees anything.
 *
 * @param text       free text (Chinese or not), or null for all
 * @param channels   … and the other lists: any of the values (empty: no filter)
 * @param from       received at or after, or null
 * @param to         received before, or null
 * @param box        a bounding box, or null
 * @param near       a circle, or null
 * @param phoneLast4 the last four digits of the caller's phone, or null
 * @param sort       relevance, newest or oldest
 * @param size       hits per page, 1 to {@value #MAX_SIZE}
 * @param after      the {@code cursor} of the last hit of the previous page, decoded, or null
 * @param interval   of the date histogram: hour, day, week or month
 */
public record SearchQuery(String text, List<String> channels, List<String> statuses, List<String> townships,
        List<String> units, List<String> categories, List<String> cards, Instant from, Instant to, Box box,
        Circle near, String phoneLast4, Sort sort, int size, JsonNode after, String interval) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_TEXT = 200;
    private static final List<String> INTERVALS = List.of("hour", "day", "week", "month");
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Sort {
        RELEVANCE, NEWEST, OLDEST
    }

    /** WGS-84 corners. */
    public record Box(double minLon, double minLat, double maxLon, double maxLat) {
    }

    public record Circle(double lat, double lon, double radiusMeters) {
    }

    /** Reads the raw query parameters; every one may be null or empty. */
    public static SearchQuery parse(String q, List<String> channel, List<String> status, List<String> township,
            List<String> unit, List<String> category, List<String> card, String from, String to, String bbox,
            String near, String radius, String phoneLast4, String sort, String size, String after, String interval) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new SearchParameterInvalid("q", "检索词不能超过" + MAX_TEXT + "字 (q is longer than " + MAX_TEXT + " characters)");
        }
        Instant fromTime = time("from", from, false);
        Instant toTime = time("to", to, true);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new SearchParameterInvalid("to", "结束时间须晚于开始时间 (to must be after from)");
        }
        if (phoneLast4 != null && !phoneLast4.isBlank() && !phoneLast4.strip().matches("\\d{4}")) {
            throw new SearchParameterInvalid("phoneLast4", "须为4位数字 (phoneLast4 must be four digits)");
        }
        Sort order = sort(sort, text);
        String every = interval == null || interval.isBlank() ? "day" : interval.strip().toLowerCase(Locale.ROOT);
        if (!INTERVALS.contains(every)) {
            throw new SearchParameterInvalid("interval", "须为 hour/day/week/month (unknown interval '" + interval + "')");
        }
        return new SearchQuery(text, values(channel), values(status), values(township), values(unit), values(category),
                values(card), fromTime, toTime, box(bbox), circle(near, radius),
                phoneLast4 == null || phoneLast4.isBlank() ? null : phoneLast4.strip(), order, size(size), cursor(after),
                every);
    }

    /** The opaque token a hit carries: its sort values, so that the next page starts right after it. */
    static String cursorOf(JsonNode sortValues) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortValues.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            JsonNode values = JSON.readTree(new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8));
            if (values != null && values.isArray() && !values.isEmpty()) {
                return values;
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // answered below
        }
        throw new SearchParameterInvalid("after", "不是上一页返回的 cursor (after must be the cursor of a hit)");
    }

    private static List<String> values(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        // ?status=RECEIVED,DISPATCHED and ?status=RECEIVED&status=DISPATCHED mean the same.
        return raw.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static Sort sort(String raw, String text) {
        if (raw == null || raw.isBlank()) {
            return text == null ? Sort.NEWEST : Sort.RELEVANCE;
        }
        try {
            return Sort.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SearchParameterInvalid("sort", "须为 relevance/newest/oldest (unknown sort '" + raw + "')");
        }
    }

    private static int size(String raw) {
        if (raw == null || raw.isBlank()) {
            return 20;
        }
        try {
            int size = Integer.parseInt(raw.strip());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new SearchParameterInvalid("size", "须为1到" + MAX_SIZE + "的整数 (size must be 1 to " + MAX_SIZE + ")");
    }

    /** A date (2026-11-23, a day in Asia/Shanghai: {@code to} then means its end) or a date-time with an offset. */
    private static Instant time(String name, String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(io.lastmile.ticket.TicketView.SHOWN_IN).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new SearchParameterInvalid(name, "须为日期 2026-11-23 或带时区的时间 2026-11-23T08:00:00+08:00 (unreadable time '" + raw + "')");
        }
    }

    private static Box box(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        double[] v = numbers("bbox", raw, 4, "minLon,minLat,maxLon,maxLat");
        if (!lon(v[0]) || !lon(v[2]) || !lat(v[1]) || !lat(v[3]) || v[0] >= v[2] || v[1] >= v[3]) {
            throw new SearchParameterInvalid("bbox", "须为 minLon,minLat,maxLon,maxLat，且最小值小于最大值 (bbox corners out of range or swapped)");
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    private static Circle circle(String near, String radius) {
        if (near == null || near.isBlank()) {
            if (radius != null && !radius.isBlank()) {
                throw new SearchParameterInvalid("near", "radius 需要 near=lat,lon (radius needs near)");
            }
            return null;
        }
        double[] v = numbers("near", near, 2, "lat,lon");
        if (!lat(v[0]) || !lon(v[1])) {
            throw new SearchParameterInvalid("near", "坐标超出范围 (near must be lat,lon in range)");
        }
        double meters = 500;
        if (radius != null && !radius.isBlank()) {
            try {
                meters = Double.parseDouble(radius.strip());
            } catch (NumberFormatException e) {
                meters = -1;
            }
            if (!(meters > 0 && meters <= 50_000)) {
                throw new SearchParameterInvalid("radius", "须为1到50000米 (radius must be meters, up to 50000)");
            }
        }
        return new Circle(v[0], v[1], meters);
    }

    private static double[] numbers(String name, String raw, int count, String shape) {
        String[] parts = raw.split(",");
        if (parts.length != count) {
            throw new SearchParameterInvalid(name, "须为 " + shape + " (" + name + " must be " + shape + ")");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new SearchParameterInvalid(name, "须为 " + shape + " (" + name + " must be " + shape + ")");
            }
            if (!Double.isFinite(values[i])) {
                throw new SearchParameterInvalid(name, "须为有限数值 (" + name + " must be finite numbers)");
            }
        }
        return values;
    }

    private static boolean lat(double v) {
        return v >= -90 && v <= 90;
    }

    private static boolean lon(double v) {
        return v >= -180 && v <= 180;
    }
}
