package io.lastmile.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.JointHandling;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.TicketView;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads tickets straight from PostgreSQL for a reindex or a repair, as the same {@link TicketView}
 * the events carry, so that a rebuilt document equals the one the indexer wrote. Plain SQL on
 * purpose: a rebuild reads a million rows, and the search capability never uses the ticket
 * service's entities.
 */
final class TicketRows {

    /** Keyset paging by id starts here: PostgreSQL orders uuids by their bytes, unsigned, so all zeros comes first. */
    static final UUID FIRST_ID = new UUID(0, 0);

    /** Every column the view needs, plus the last step of the timeline (for {@code lastEventType}). */
    static final String SELECT = """
            SELECT t.id, t.ticket_number, t.channel, t.source_id, t.status, t.kind, t.urgency, t.text, t.address,
                   t.longitude, t.latitude, t.location_precision, t.source_coord_system, t.source_longitude,
                   t.source_latitude, t.contact_name, t.contact_phone, t.anonymous, t.extras, t.township_name,
                   t.township_code, t.village_name, t.village_code, t.unit_code, t.unit_name, t.catalog_code,
                   t.catalog_name, t.assignee, t.routed_by, t.responsible, t.immediate, t.result_text, t.satisfaction,
                   t.supervised, t.redo_count, t.merged_into, t.extension_days, t.assistants, t.deadline,
                   t.sign_for_deadline, t.completion_deadline, t.feedback_deadline, t.card, t.yellow_at, t.paused_at,
                   t.deadline_provisional, t.source_time, t.received_at, t.received_by, t.version,
                   last.type AS last_event_type, last.occurred_at AS last_event_at
            FROM ticket t
            LEFT JOIN LATERAL (SELECT e.type, e.occurred_at FROM ticket_event e
                               WHERE e.ticket_id = t.id ORDER BY e.version DESC LIMIT 1) last ON true
            """;

    /** A row with what the index needs beside the view. */
    record Indexable(TicketView ticket, String lastEventType, Instant updatedAt) {
    }

    private final ObjectMapper json;

    TicketRows(ObjectMapper json) {
        this.json = json;
    }

    Indexable read(Row r) {
        TicketStatus status = TicketStatus.valueOf(r.getString("status"));
        TicketKind kind = TicketKind.valueOf(r.getString("kind"));
        Location location = new Location(r.getDouble("longitude"), r.getDouble("latitude"),
                LocationPrecision.valueOf(r.getString("location_precision")), r.getString("source_coord_system"),
                r.getDouble("source_longitude"), r.getDouble("source_latitude"));
        TicketView view = new TicketView(r.getUUID("id"), r.getString("ticket_number"), r.getString("channel"),
                r.getString("source_id"), status.name(), kind.name(), kind.label(), r.getString("urgency"),
                r.getString("text"), r.getString("address"), location,
                new Contact(r.getString("contact_name"), r.getString("contact_phone"), r.getBoolean("anonymous")).masked(),
                parse(r.getString("extras")), r.getString("township_name"), r.getString("township_code"),
                r.getString("village_name"), r.getString("village_code"),
                ref(r.getString("unit_code"), r.getString("unit_name")),
                ref(r.getString("catalog_code"), r.getString("catalog_name")), r.getString("assignee"),
                r.getString("routed_by"), status.label(), r.getString("responsible"), r.getBoolean("immediate"),
                r.getString("result_text"), r.getString("satisfaction"), r.getBoolean("supervised"),
                r.getInteger("redo_count"), r.getString("merged_into"), r.getInteger("extension_days"),
                JointHandling.read(r.getString("assistants")), shown(r, "deadline"),
                new TicketView.TimeLimits(shown(r, "sign_for_deadline"), shown(r, "completion_deadline"),
                        shown(r, "feedback_deadline"), r.getString("card"), shown(r, "yellow_at"),
                        r.getValue("paused_at") != null, r.getBoolean("deadline_provisional")),
                shown(r, "source_time"), shown(r, "received_at"), r.getString("received_by"), r.getInteger("version"),
                null, null);
        OffsetDateTime lastAt = r.getOffsetDateTime("last_event_at");
        return new Indexable(view, r.getString("last_event_type"),
                lastAt != null ? lastAt.toInstant() : r.getOffsetDateTime("received_at").toInstant());
    }

    private static TicketView.Ref ref(String code, String name) {
        return code == null ? null : new TicketView.Ref(code, name);
    }

    private static OffsetDateTime shown(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.atZoneSameInstant(TicketView.SHOWN_IN).toOffsetDateTime();
    }

    private JsonNode parse(String extras) {
        try {
            return json.readTree(extras == null ? "{}" : extras);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket extras are not JSON", e);
        }
    }
}
