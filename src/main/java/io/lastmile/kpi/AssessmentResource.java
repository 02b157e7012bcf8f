package io.lastmile.kpi;

import io.lastmile.platform.InvalidField;
import io.lastmile.platform.Roles;
import io.lastmile.routing.RoutingService;
import io.lastmile.routing.RoutingSnapshot;
import io.lastmile.security.Viewer;
import io.lastmile.security.Viewers;
import io.lastmile.ticket.KpiQueries;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The monthly assessment (考核, seed 004): {@code GET /api/v1/reports/assessment?month=2026-11} in
 * JSON, or CSV with {@code Accept: text/csv}, by unit (default), county, channel, matter or
 * township, optionally for one unit. Officials see their own unit and the units below it;
 * supervisors and the command center see the county.
 */
@Path("/api/v1/reports/assessment")
@Tag(name = "reports")
public class AssessmentResource {

    static final String CSV = "text/csv";

    private final KpiQueries kpis;
    private final RoutingService routing;
    private final Viewers viewers;

    public AssessmentResource(KpiQueries kpis, RoutingService routing, Viewers viewers) {
        this.kpis = kpis;
        this.routing = routing;
        this.viewers = viewers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.OFFICIAL})
    @Operation(summary = "The month's assessment: each group's counts and KPIs, the units' ranking, the tickets that went overdue")
    public Uni<Assessment> assessment(@QueryParam("month") String month, @QueryParam("by") String by,
            @QueryParam("unit") String unit) {
        YearMonth assessed = month(month);
        KpiQueries.Dimension dimension = dimension(by);
        Viewer viewer = viewers.current();
        Collection<String> units = units(viewer, unit);
        Instant from = assessed.atDay(1).atStartOfDay(TicketView.SHOWN_IN).toInstant();
        Instant to = assessed.plusMonths(1).atDay(1).atStartOfDay(TicketView.SHOWN_IN).toInstant();
        RoutingSnapshot names = routing.snapshot();
        return kpis.counts(from, to, dimension, units).chain(counts -> kpis.overdue(from, to, units).map(overdue -> {
            List<Assessment.Row> rows = counts.stream()
                    .map(c -> new Assessment.Row(c.key(), name(names, dimension, c.key()), c, Assessment.Rates.of(c))).toList();
            return new Assessment(assessed.toString(), dimension.name().toLowerCase(Locale.ROOT), unit, rows,
                    dimension == KpiQueries.Dimension.UNIT ? ranking(rows) : List.of(),
                    overdue.stream().map(o -> new Assessment.Overdue(o.ticketNumber(), o.unitCode(),
                            name(names, KpiQueries.Dimension.UNIT, o.unitCode()), o.status().name(),
                            o.overdueAt().atZone(TicketView.SHOWN_IN).toOffsetDateTime().toString())).toList());
        }));
    }

    @GET
    @Produces(CSV)
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.OFFICIAL})
    @Operation(summary = "The month's assessment as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese)")
    public Uni<Response> assessmentCsv(@QueryParam("month") String month, @QueryParam("by") String by,
            @QueryParam("unit") String unit) {
        return assessment(month, by, unit).map(assessment -> Response.ok(AssessmentCsv.of(assessment))
                .type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"assessment-" + assessment.month() + ".csv\"")
                .build());
    }

    /** Units best first: 按时办结率, then 满意率, then 签收率; a unit with nothing to count goes last. */
    static List<Assessment.Ranked> ranking(List<Assessment.Row> rows) {
        Comparator<Double> highFirst = Comparator.nullsLast(Comparator.reverseOrder());
        List<Assessment.Row> sorted = rows.stream()
                .sorted(Comparator.comparing((Assessment.Row r) -> r.rates().resolvedOnTime(), highFirst)
                        .thenComparing(r -> r.rates().satisfied(), highFirst)
                        .thenComparing(r -> r.rates().signedFor(), highFirst)
                        .thenComparing(Assessment.Row::key))
                .toList();
        return IntStream.range(0, sorted.size()).mapToObj(i -> new Assessment.Ranked(i + 1, sorted.get(i).key(),
                sorted.get(i).name(), sorted.get(i).rates().resolvedOnTime(), sorted.get(i).rates().satisfied(),
                sorted.get(i).rates().signedFor())).toList();
    }

    private static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(TicketView.SHOWN_IN);
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidField(400, "month", "月份格式应为 2026-11 (month must look like 2026-11, not " + month + ")");
        }
    }

    private static KpiQueries.Dimension dimension(String by) {
        if (by == null || by.isBlank()) {
            return KpiQueries.Dimension.UNIT;
        }
        try {
            return KpiQueries.Dimension.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField(400, "by", "分组应为 county、unit、channel、matter 或 township (by must be one of county, unit,"
                    + " channel, matter, township, not " + by + ")");
        }
    }

    /** The units whose figures the viewer may read: one asked for, or all of theirs; null for the whole county. */
    private static Collection<String> units(Viewer viewer, String unit) {
        if (unit != null && !unit.isBlank()) {
            viewer.requireCoversUnit(unit.trim());
            return Set.of(unit.trim());
        }
        return viewer.scope().everything() ? null : viewer.scope().unitCodes();
    }

    private static String name(RoutingSnapshot routing, KpiQueries.Dimension dimension, String key) {
        return switch (dimension) {
            case COUNTY -> "桃江县";
            case UNIT -> routing.organization().unit(key).map(u -> u.name()).orElse(key);
            case MATTER -> routing.catalog().byCode(key).map(m -> m.name()).orElse("未分类");
            case TOWNSHIP -> routing.tree().byCode(key).map(j -> j.name()).orElse("未定位");
            case CHANNEL -> key;
        };
    }

}
