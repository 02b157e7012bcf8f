package io.lastmile.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit log (V17: the database refuses updates and deletes): who revealed which
 * personal field of which ticket and why, who read the sources' original bytes in dead letters.
 * Steps on tickets are not repeated here: each is on its ticket's timeline with actor and time.
 */
@ApplicationScoped
public class AuditLog {

    /** What was done. */
    public enum Action {
        /** A ticket's contact and the numbers in its text, shown in full to someone who reads them masked. */
        REVEAL_CONTACT,
        /** Dead letters listed or read (their payloads are the sources' bytes, masked in the listing). */
        READ_DEAD_LETTERS,
        /** One dead letter's original bytes shown in full. */
        REVEAL_DEAD_LETTER
    }

    /** One entry as an admin reads it. */
    public record Entry(long id, OffsetDateTime at, String actor, String role, String action, String ticketNumber,
            String subject, String reason) {
    }

    private final Pool database;

    public AuditLog(Pool database) {
        this.database = database;
    }

    public Uni<Void> append(Viewer who, Action action, String ticketNumber, String subject, String reason) {
        return database.preparedQuery("""
                        INSERT INTO audit_entry (actor, role, action, ticket_number, subject, reason)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(who.username(), who.role().name(), action.name(), ticketNumber, subject, reason))
                .replaceWithVoid();
    }

    /** Entries newest first, each filter optional. */
    public Uni<List<Entry>> find(String actor, String ticketNumber, String action, Instant from, Instant to, int page, int size) {
        return database.preparedQuery("""
                        SELECT * FROM audit_entry
                        WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR ticket_number = $2)
                          AND ($3::text IS NULL OR action = $3) AND ($4::timestamptz IS NULL OR at >= $4)
                          AND ($5::timestamptz IS NULL OR at < $5)
                        ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7""")
                .execute(Tuple.tuple().addString(actor).addString(ticketNumber).addString(action)
                        .addOffsetDateTime(from == null ? null : from.atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(to == null ? null : to.atOffset(ZoneOffset.UTC))
                        .addInteger(size).addInteger(page * size))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row r : rows) {
                        entries.add(new Entry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("actor"),
                                r.getString("role"), r.getString("action"), r.getString("ticket_number"),
                                r.getString("subject"), r.getString("reason")));
                    }
                    return entries;
                });
    }
}
