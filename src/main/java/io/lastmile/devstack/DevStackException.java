package io.lastmile.devstack;

/** The local stack could not start; the message names the server, its port and its log file. */
public class DevStackException extends RuntimeException {

    public DevStackException(String message) {
        super(message);
    }

    public DevStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
