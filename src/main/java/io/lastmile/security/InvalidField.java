package io.lastmile.security;

import io.lastmile.platform.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request field or parameter of the privacy endpoints that cannot be used: {@code 400}/{@code 422} naming it. */
final class InvalidField extends RuntimeException {

    final int status;
    final String field;

    InvalidField(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** Answers it as a problem body, wherever it is thrown. */
    static final class Mapper {
        @ServerExceptionMapper
        public Response problem(InvalidField e) {
            return ProblemMappers.fieldProblem(e.status, e.status == 422 ? "Invalid request" : "Bad request", e.field,
                    e.getMessage());
        }
    }
}
