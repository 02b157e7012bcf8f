package io.lastmile.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.routing.Catalog;
import io.lastmile.routing.RoutingSnapshot;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The service's own time limits for plain tests: {@link SlaDeadlines} on the 2026 working calendar,
 * the configuration's defaults (not the test profile's short limits) and the bundled catalog, or
 * one a test changed, checked as an admin's upload is.
 */
public final class RealTimeLimits {

    public static final WorkingCalendar CALENDAR_2026 = new WorkingCalendar(List.of(WorkingCalendarTest.year2026()),
            WorkingCalendar.DEFAULT_HOURS);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The limits with the defaults of {@link SlaConfig}, changed by {@code settings} ({@code completion-clock-starts} …). */
    public static SlaConfig config(Map<String, String> settings) {
        // Durations written as the service writes them ("24h"), read as Quarkus reads them.
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(SlaConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter());
        settings.forEach((key, value) -> builder.withDefaultValue("lastmile.sla." + key, value));
        return builder.build().getConfigMapping(SlaConfig.class);
    }

    public static SlaDeadlines bundled() {
        return with(catalogDocument(), Map.of());
    }

    public static SlaDeadlines with(JsonNode catalogDocument, Map<String, String> settings) {
        return SlaDeadlines.on(CALENDAR_2026, catalog(catalogDocument), config(settings));
    }

    /** The catalog as shipped, to change in a test. */
    public static ObjectNode catalogDocument() {
        return (ObjectNode) document("catalog.json");
    }

    /** A catalog checked as an admin's upload is, with the bundled jurisdictions and organization. */
    public static Catalog catalog(JsonNode catalogDocument) {
        return new RoutingSnapshot(document("jurisdictions.geojson"), catalogDocument, document("organization.json"))
                .catalog();
    }

    /** A local time in Asia/Shanghai: {@code 2026-09-29T10:00}. */
    public static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    private static JsonNode document(String name) {
        try (InputStream in = RealTimeLimits.class.getResourceAsStream("/routing/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RealTimeLimits() {
    }
}
