package io.lastmile.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns every client error into a problem body that says precisely what to fix, and any other
 * failure into one that says nothing of its cause.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
    public Response invalidField(InvalidField e) {
        return fieldProblem(e.status(), e.status() == 422 ? "Invalid request" : "Bad request", e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unstorable(StorableTextJson.Refused e) {
        return fieldProblem(422, "Invalid request", pathOf(e), e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        if (e instanceof StorableTextJson.Refused refused) {
            return unstorable(refused);
        }
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
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
        if (status >= 500) {
            return unexpected(e);
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), List.of());
    }

    /**
     * Whatever no other mapper answers: the body never carries the exception's text (SQL, class
     * names, stored data), only a reference to find it in the log. Text PostgreSQL refused that no
     * check caught before is still the client's error.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isRefusedData(e)) {
            LOG.warnf("PostgreSQL refused a value that no check caught: %s", e.toString());
            return problem(422, "Invalid request", "某个值过长或含有无法保存的字符 (a value is too long or holds characters"
                    + " that cannot be stored)", List.of());
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, reference %s", reference);
        return problem(500, "Internal error", "服务内部错误，请联系管理员并提供编号 " + reference
                + " (an internal error; quote reference " + reference + ")", List.of());
    }

    /** SQLSTATE class 22: a value too long (22001), a character not in UTF-8 (22021) … */
    private static boolean isRefusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState().startsWith("22");
            }
        }
        return false;
    }

    /** {@code units.[1]}, {@code contact.name}: where in the body the reader failed. */
    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
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
