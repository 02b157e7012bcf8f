package io.lastmile.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Turns every client error into a problem body that says precisely what to fix. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(400, "Invalid request", errors.stream().map(er -> er.field() + ": " + er.message())
                .collect(Collectors.joining("; ")), errors);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")) : "";
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return problem(400, "Malformed JSON", e.getOriginalMessage() + where,
                field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // RESTEasy Reactive wraps a body it cannot read; the parser's message says what is wrong.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return malformed(unreadable);
        }
        int status = e.getResponse().getStatus();
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), List.of());
    }

    /** A problem about one field: the detail reads {@code field: message}, and the field is listed. */
    public static Response fieldProblem(int status, String title, String field, String message) {
        return problem(status, title, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** A problem response; every resource that answers an error itself builds it here. */
    public static Response problem(int status, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }

    /** {@code create.request.text} → {@code text}: the client knows its field, not our method names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(jakarta.validation.Path.Node::getName)
                .toList();
        if (nodes.size() >= 3) {
            return String.join(".", nodes.subList(2, nodes.size()));
        }
        return nodes.isEmpty() ? "" : "body";
    }
}
