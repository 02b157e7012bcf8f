package io.lastmile.platform;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An error body as RFC 9457 ({@code application/problem+json}) shapes it, with one entry per
 * invalid field so that an operator's form can show each message beside its field, and extension
 * members where the client needs more (a refused step answers the current state and the allowed steps).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, Map.of());
    }

    /** Extension members appear beside the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /** @param field the field as the client spells it; @param message what is wrong, in words a person can act on */
    public record FieldError(String field, String message) {
    }
}
