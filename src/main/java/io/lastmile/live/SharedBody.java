package io.lastmile.live;

/**
 * A message body that many screens send, each followed by its own cursor. The screens that stand at
 * the same cursor (on a wall of them, nearly all) send one and the same text, built once: the last
 * text made is kept with its cursor. Thread-safe: a race only builds the same text twice.
 */
final class SharedBody {

    private final String body;
    private volatile Made last;

    /** @param body the message's JSON without its closing brace */
    SharedBody(String body) {
        this.body = body;
    }

    /** The message of a screen at {@code cursor}: the body, then the cursor. */
    String withCursor(String cursor) {
        Made made = last;
        if (made == null || !made.cursor().equals(cursor)) {
            made = new Made(cursor, body + ",\"cursor\":\"" + cursor + "\"}");
            last = made;
        }
        return made.text();
    }

    /** Equal by the body: the text it keeps is no part of it. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SharedBody shared && shared.body.equals(body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    @Override
    public String toString() {
        return body;
    }

    private record Made(String cursor, String text) {
    }
}
