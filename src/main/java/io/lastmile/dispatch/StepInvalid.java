package io.lastmile.dispatch;

/** An action's body lacks what the step needs: answered {@code 422} naming the field. */
public class StepInvalid extends RuntimeException {

    private final String field;

    public StepInvalid(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
