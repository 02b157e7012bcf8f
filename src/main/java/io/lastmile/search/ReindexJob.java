package io.lastmile.search;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rebuild of the search index from PostgreSQL as a person follows it.
 *
 * @param phase         COPYING (pages of tickets into the new index), SWITCHING (the alias), CATCHING_UP
 *                      (tickets changed since the start), DONE or FAILED
 * @param total         tickets in PostgreSQL when the job started
 * @param done          tickets copied so far
 * @param caughtUp      tickets written again after the switch because they changed during the copy
 * @param ratePerSecond tickets copied per second so far (or over the whole copy, once done)
 */
public record ReindexJob(UUID id, String targetIndex, String phase, long total, long done, long caughtUp,
        double ratePerSecond, OffsetDateTime startedAt, OffsetDateTime finishedAt, String error, String requestedBy) {

    static final String COLUMNS = "id, target_index, phase, total, done, caught_up, started_at, heartbeat_at, finished_at, error, requested_by";

    static ReindexJob of(Row r) {
        OffsetDateTime started = r.getOffsetDateTime("started_at");
        OffsetDateTime end = r.getOffsetDateTime("finished_at") != null ? r.getOffsetDateTime("finished_at")
                : r.getOffsetDateTime("heartbeat_at");
        double seconds = Math.max(0.001, Duration.between(started, end).toMillis() / 1000.0);
        long done = r.getLong("done");
        return new ReindexJob(r.getUUID("id"), r.getString("target_index"), r.getString("phase"), r.getLong("total"),
                done, r.getLong("caught_up"), Math.round(done / seconds * 10) / 10.0, started,
                r.getOffsetDateTime("finished_at"), r.getString("error"), r.getString("requested_by"));
    }

    public boolean running() {
        return finishedAt == null;
    }
}
