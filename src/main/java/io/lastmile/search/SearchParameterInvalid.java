package io.lastmile.search;

/** A search parameter that cannot be used: answered {@code 400} naming it. */
public class SearchParameterInvalid extends RuntimeException {

    private final String parameter;

    public SearchParameterInvalid(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
