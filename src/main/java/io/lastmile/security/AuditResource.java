package io.lastmile.security;

import io.lastmile.platform.InvalidField;
import io.lastmile.platform.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit log for admins: reveals of personal data and reads of dead letters, newest first. */
@Path("/api/v1/admin/audit")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The audit log, newest first: reveals of personal data and reads of dead letters")
    public Uni<List<AuditLog.Entry>> audit(@QueryParam("actor") String actor, @QueryParam("ticket") String ticket,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page 须 >= 0")
            @Max(value = 100_000, message = "page 须 <= 100000") int page,
            @QueryParam("size") @DefaultValue("100") @Min(value = 1, message = "size 须 >= 1")
            @Max(value = 1000, message = "size 须 <= 1000") int size) {
        if (action != null && java.util.Arrays.stream(AuditLog.Action.values()).noneMatch(a -> a.name().equals(action))) {
            throw new InvalidField(400, "action", "没有这种操作 (action must be one of "
                    + java.util.Arrays.toString(AuditLog.Action.values()) + ")");
        }
        return audit.find(blankToNull(actor), blankToNull(ticket), action, instant("from", from), instant("to", to), page, size);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidField(400, field, field + " 应为带时区的时间，如 2026-11-30T08:00:00+08:00 (not " + value + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

}
