package io.lastmile.ticket;

import io.lastmile.platform.Problem;
import io.lastmile.platform.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * The model's refusals as problem bodies: a refused step is {@code 409} with {@code currentStatus}
 * and the caller's {@code allowedSteps}; a step the caller may not take on this ticket {@code 403};
 * a command lacking what its step needs {@code 422} naming the field.
 */
public class StepProblemMapper {

    @ServerExceptionMapper
    public Response refused(StepRefused refused) {
        Map<String, Object> extensions = Map.of(
                "currentStatus", refused.current().name(),
                "currentStatusLabel", refused.current().label(),
                "allowedSteps", refused.allowed().stream().map(Enum::name).sorted().toList());
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Step not allowed", 409, refused.getMessage(), List.of(), extensions))
                .build();
    }

    @ServerExceptionMapper
    public Response actingRefused(ActingRefused refused) {
        return ProblemMappers.problem(403, "Forbidden", refused.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidCommand invalid) {
        return ProblemMappers.fieldProblem(422, "Invalid step", invalid.field(), invalid.getMessage());
    }
}
