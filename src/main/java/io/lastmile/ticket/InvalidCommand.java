package io.lastmile.ticket;

/** A command lacks what its step needs, or carries something impossible: answered {@code 422} naming the field. */
public class InvalidCommand extends RuntimeException {

    private final String field;

    public InvalidCommand(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The value, stripped; refused when missing or blank. */
    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, "必填 (" + field + " is required for this step)");
        }
        return value.strip();
    }

    /** The value stripped, or null when missing or blank. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
