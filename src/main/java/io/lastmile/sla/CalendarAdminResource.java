package io.lastmile.sla;

import io.lastmile.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import io.lastmile.platform.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Admins load each year's holidays and make-up days when the State Council publishes them
 * (usually in November); until then a banner says that deadlines in that year are provisional.
 */
@Path("/api/v1/admin/calendar")
@Tag(name = "calendar")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CalendarAdminResource {

    /** What admins see: the years loaded and a banner when next year's data is missing. */
    public record CalendarStatus(List<Integer> years, List<String> workingHours, String banner) {
    }

    private final CalendarService calendars;
    private final Clock clock;
    private final SecurityIdentity admin;

    public CalendarAdminResource(CalendarService calendars, Clock clock, SecurityIdentity admin) {
        this.calendars = calendars;
        this.clock = clock;
        this.admin = admin;
    }

    @GET
    public CalendarStatus status() {
        WorkingCalendar calendar = calendars.calendar();
        return new CalendarStatus(calendar.years(), calendar.hours().stream().map(p -> p.start() + "-" + p.end()).toList(),
                banner(calendar, clock.instant().atZone(WorkingCalendar.ZONE).getYear()));
    }

    /** A warning naming this year and next year when their holidays are missing (deadlines there are provisional), else null. */
    static String banner(WorkingCalendar calendar, int currentYear) {
        List<Integer> missing = java.util.stream.IntStream.of(currentYear, currentYear + 1).filter(y -> !calendar.hasYear(y))
                .boxed().toList();
        if (missing.isEmpty()) {
            return null;
        }
        String years = missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
        String yearsEn = missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" and "));
        return years + "年节假日安排尚未录入：期限按周一至周五计算，标记为临时 (the " + yearsEn
                + " holidays are not loaded: deadlines there count weekdays only and are provisional)";
    }

    @GET
    @Path("/{year}")
    public Uni<JsonNode> year(@PathParam("year") int year) {
        return calendars.yearDocument(year).map(document -> {
            if (document == null) {
                throw new NotFoundException("没有" + year + "年的日历 (no calendar for " + year + ")");
            }
            return document;
        });
    }

    @PUT
    @Path("/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Loads a year: {year, source, holidays: [yyyy-MM-dd], workdays: [make-up weekend days]}")
    public Uni<Response> load(@PathParam("year") int year, JsonNode document) {
        try {
            return calendars.replace(year, document, admin.getPrincipal().getName())
                    .map(ignored -> Response.ok(Map.of("year", year, "years", calendars.calendar().years())).build());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(ProblemMappers.problem(422, "Invalid calendar", e.getMessage(), List.of()));
        }
    }

}
