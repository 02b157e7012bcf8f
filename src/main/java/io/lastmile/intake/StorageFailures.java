package io.lastmile.intake;

import io.vertx.pgclient.PgException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that will pass (the database is away or busy) from one that will not (this
 * record cannot be stored as it is): the first is retried until it succeeds, the second becomes a
 * dead letter, so that one bad record never blocks its partition.
 */
final class StorageFailures {

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // connection, serialization/deadlock, operator intervention, insufficient resources
                return state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                        || state.startsWith("57P") || state.startsWith("53");
            }
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Pool closed") || message.contains("Connection refused")
                    || message.contains("connection was closed")
                    || message.contains("routing data is not loaded yet")) {
                return true;
            }
        }
        return false;
    }

    private StorageFailures() {
    }
}
