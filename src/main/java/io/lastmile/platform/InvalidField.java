package io.lastmile.platform;

/**
 * A request field or query parameter that cannot be used, for endpoints that read it themselves
 * (not through bean validation): answered as a problem body naming the field, {@code 400} for an
 * unreadable parameter, {@code 422} for a body field that is missing or wrong.
 */
public class InvalidField extends RuntimeException {

    private final int status;
    private final String field;

    public InvalidField(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
