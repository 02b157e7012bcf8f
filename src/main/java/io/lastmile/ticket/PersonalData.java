package io.lastmile.ticket;

import io.lastmile.platform.ColumnCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The callers' personal data in the ticket and timeline tables, for the privacy jobs: moving the
 * sealed columns to the current key, and anonymising closed tickets past the retention period. The
 * ticket, its steps and everything KPIs count stay; only who called and the numbers they gave go.
 */
@ApplicationScoped
public class PersonalData {

    /** Done with: the retention period runs from the last step of a ticket in one of these states. */
    static final String[] CLOSED = {TicketStatus.CLOSED.name(), TicketStatus.REVISITED.name(), TicketStatus.MERGED.name()};

    private final Pool database;
    private final ColumnCipher cipher;

    public PersonalData(Pool database, ColumnCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    /**
     * Seals up to {@code batch} tickets' name and phone under the current key (those under an older
     * key, or still in clear from before encryption); answers how many rows changed. Rows another
     * transaction holds are left for the next batch.
     */
    public Uni<Integer> resealTickets(int batch) {
        String current = likePrefix(cipher.currentTextPrefix());
        return database.withTransaction(connection -> connection.preparedQuery("""
                        SELECT id, contact_name, contact_phone FROM ticket
                        WHERE (contact_name IS NOT NULL AND contact_name NOT LIKE $1)
                           OR (contact_phone IS NOT NULL AND contact_phone NOT LIKE $1)
                        LIMIT $2 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(current, batch))
                .chain(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    rows.forEach(r -> updates.add(Tuple.of(r.getUUID("id"),
                            cipher.seal(cipher.open(r.getString("contact_name"))),
                            cipher.seal(cipher.open(r.getString("contact_phone"))))));
                    return updates.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery("UPDATE ticket SET contact_name = $2, contact_phone = $3 WHERE id = $1")
                                    .executeBatch(updates).replaceWith(updates.size());
                }));
    }

    /** A ticket whose personal data was removed, with the caller's name and phone as they were (to find them elsewhere). */
    public record Anonymised(UUID id, String ticketNumber, String name, String phone, int timelineEntries) {

        @Override
        public String toString() {
            return "Anonymised[" + ticketNumber + ", " + timelineEntries + " timeline entries]";
        }
    }

    /**
     * Anonymises up to {@code batch} closed tickets whose last step is older than {@code cutoff}: the
     * name and phone are removed, and the text, the result and the timeline's reasons and data are
     * {@linkplain #forget forgotten}. In one transaction per batch.
     */
    public Uni<List<Anonymised>> anonymiseClosedBefore(Instant cutoff, int batch) {
        return database.withTransaction(connection -> connection.preparedQuery("""
                        SELECT t.id, t.ticket_number, t.contact_name, t.contact_phone, t.text, t.result_text FROM ticket t
                        WHERE t.anonymised_at IS NULL AND t.status = ANY($1)
                          AND COALESCE((SELECT max(e.occurred_at) FROM ticket_event e WHERE e.ticket_id = t.id), t.received_at) < $2
                        ORDER BY t.id LIMIT $3 FOR UPDATE OF t SKIP LOCKED""")
                .execute(Tuple.of(CLOSED, cutoff.atOffset(ZoneOffset.UTC), batch))
                .chain(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    return io.smallrye.mutiny.Multi.createFrom().iterable(found)
                            .onItem().transformToUniAndConcatenate(r -> anonymise(connection, r))
                            .collect().asList();
                }));
    }

    private Uni<Anonymised> anonymise(SqlConnection connection, Row r) {
        UUID id = r.getUUID("id");
        String name = cipher.open(r.getString("contact_name"));
        String phone = cipher.open(r.getString("contact_phone"));
        return connection.preparedQuery("""
                        UPDATE ticket SET contact_name = NULL, contact_phone = NULL, text = $2, result_text = $3,
                                          anonymised_at = now() WHERE id = $1""")
                .execute(Tuple.of(id, forget(r.getString("text"), name, phone), forget(r.getString("result_text"), name, phone)))
                .chain(() -> connection.preparedQuery("SELECT id, reason, data FROM ticket_event WHERE ticket_id = $1")
                        .execute(Tuple.of(id)))
                .chain(events -> {
                    List<Tuple> changed = new ArrayList<>();
                    events.forEach(e -> {
                        String reason = e.getString("reason");
                        String data = e.getString("data");
                        String newReason = forget(reason, name, phone);
                        String newData = forget(data, name, phone);
                        if (!java.util.Objects.equals(reason, newReason) || !java.util.Objects.equals(data, newData)) {
                            changed.add(Tuple.of(e.getUUID("id"), newReason, newData));
                        }
                    });
                    return changed.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery("UPDATE ticket_event SET reason = $2, data = $3 WHERE id = $1")
                                    .executeBatch(changed).replaceWith(changed.size());
                })
                .map(entries -> new Anonymised(id, r.getString("ticket_number"), name, phone, entries));
    }

    /** What an anonymised text says where the caller's name was (某某, "so-and-so"). */
    static final String SOMEONE = "某某";

    /**
     * A text without its caller: their name (when it is two characters or more, so that a single
     * surname does not blank every word it starts) becomes 某某, their phone, in full or masked,
     * becomes stars, and every other personal number is masked; null stays null.
     */
    public static String forget(String text, String name, String phone) {
        if (text == null) {
            return null;
        }
        String forgotten = text;
        if (name != null && name.codePointCount(0, name.length()) >= 2) {
            forgotten = forgotten.replace(name, SOMEONE);
        }
        if (phone != null && phone.length() >= 7) {
            String stars = "*".repeat(phone.length());
            forgotten = forgotten.replace(phone, stars).replace(Contact.maskPhone(phone), stars);
        }
        return PersonalNumbers.mask(forgotten);
    }

    /** A LIKE pattern for values starting with {@code prefix} ({@code _} and {@code %} taken literally). */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
    }
}
