package io.lastmile.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Path and query parameters pass {@link StorableText} before any resource sees them: a
 * {@code GET /api/v1/tickets/%00} answers {@code 422} naming the parameter instead of reaching
 * PostgreSQL.
 */
public class StorableTextParameters {

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        return refusal(request.getUriInfo().getPathParameters())
                .or(() -> refusal(request.getUriInfo().getQueryParameters()))
                .map(refused -> ProblemMappers.fieldProblem(422, "Invalid parameter", refused.field(), refused.reason()));
    }

    private static Optional<StorableText.Refusal> refusal(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> reason = StorableText.refusal(parameter.getKey()).or(() -> StorableText.refusal(value));
                if (reason.isPresent()) {
                    return Optional.of(new StorableText.Refusal(StorableText.scrub(parameter.getKey()), reason.get()));
                }
            }
        }
        return Optional.empty();
    }
}
