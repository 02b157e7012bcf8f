package io.lastmile.intake;

/**
 * A source record that cannot become a ticket, with the field as the source spells it
 * ({@code ldsj}, {@code consumer.mobile}, {@code zb/jd}) and the rule it breaks.
 */
public class IntakeRejected extends RuntimeException {

    /** Unreadable (not JSON, not XML, not UTF-8) versus readable but invalid. */
    public enum Kind {
        MALFORMED, INVALID
    }

    private final Kind kind;
    private final String field;

    public IntakeRejected(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    static IntakeRejected invalid(String field, String reason) {
        return new IntakeRejected(Kind.INVALID, field, reason);
    }

    static IntakeRejected malformed(String reason) {
        return new IntakeRejected(Kind.MALFORMED, null, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The field as the source spells it, or null when the whole record is unreadable. */
    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }

    /** One line for logs and dead letters: {@code ldsj: 时间格式应为 yyyy-MM-dd HH:mm:ss}. */
    public String describe() {
        return field == null ? reason() : field + ": " + reason();
    }
}
