package io.lastmile.ticket;

import io.lastmile.platform.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/** A refused step becomes {@code 409} with {@code currentStatus} and {@code allowedSteps} beside the message. */
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
}
