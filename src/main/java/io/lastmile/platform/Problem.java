package io.lastmile.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An error body as RFC 9457 ({@code application/problem+json}) shapes it, with one entry per
 * invalid field so that an operator's form can show each message beside its field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** @param field the field as the client spells it; @param message what is wrong, in words a person can act on */
    public record FieldError(String field, String message) {
    }
}
