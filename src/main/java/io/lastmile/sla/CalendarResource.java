package io.lastmile.sla;

import io.lastmile.platform.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.lastmile.platform.ProblemMappers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Operators read promised dates to callers from here. */
@Path("/api/v1/calendar")
@Tag(name = "calendar")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.OFFICIAL, Roles.SUPERVISOR, Roles.ADMIN})
public class CalendarResource {

    /** A deadline as operators read it, in Asia/Shanghai. */
    public record DeadlineAnswer(OffsetDateTime from, int amount, String unit, OffsetDateTime deadline, boolean provisional) {
    }

    private final CalendarService calendars;

    public CalendarResource(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    @Path("/deadline")
    @Operation(summary = "The deadline of an amount of working days, working hours or hours from an instant",
            description = "The day of `from` never counts; N working days end at the close of the Nth working day after it.")
    public Response deadline(@QueryParam("from") String from, @QueryParam("amount") Integer amount,
            @QueryParam("unit") String unit) {
        Instant start;
        try {
            start = from == null ? null : OffsetDateTime.parse(from).toInstant();
        } catch (DateTimeParseException e) {
            return invalid("from", "须为带时区的 ISO-8601 时间 (an ISO-8601 instant with offset, e.g. 2026-09-30T10:00:00+08:00)");
        }
        if (start == null) {
            return invalid("from", "必填 (required)");
        }
        if (amount == null || amount < 1 || amount > 3650) {
            return invalid("amount", "须为1到3650的整数 (a whole number from 1 to 3650)");
        }
        WorkingCalendar calendar = calendars.calendar();
        WorkingCalendar.Deadline deadline;
        switch (unit == null ? "" : unit) {
            case "working-days" -> deadline = calendar.addWorkingDays(start, amount);
            case "working-hours" -> deadline = calendar.addWorkingMinutes(start, amount * 60L);
            case "hours" -> deadline = new WorkingCalendar.Deadline(start.plusSeconds(amount * 3600L), false);
            default -> {
                return invalid("unit", "须为 working-days、working-hours 或 hours (unknown unit)");
            }
        }
        calendars.counted(deadline);
        return Response.ok(new DeadlineAnswer(start.atZone(WorkingCalendar.ZONE).toOffsetDateTime(), amount, unit,
                deadline.at().atZone(WorkingCalendar.ZONE).toOffsetDateTime(), deadline.provisional())).build();
    }

    private static Response invalid(String field, String message) {
        return ProblemMappers.fieldProblem(400, "Invalid request", field, message);
    }
}
