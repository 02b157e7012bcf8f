package io.lastmile.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The one place that turns a ticket into an index document and a line pair of a {@code _bulk}
 * request, for the indexer, the reindex and the reconciliation alike. The document's external
 * version is the ticket's version, so the search node itself refuses an older state over a newer one.
 */
@ApplicationScoped
public class TicketDocuments {

    private final ObjectMapper json;
    private final PhoneKeys phoneKeys;

    public TicketDocuments(ObjectMapper json, PhoneKeys phoneKeys) {
        this.json = json;
        this.phoneKeys = phoneKeys;
    }

    TicketRows rows() {
        return new TicketRows(json);
    }

    /**
     * Appends the action line and the document of one ticket to a bulk body aimed at {@code index}
     * (an index or the alias). Events write with {@code external} versions (a repeat is refused);
     * a rebuild or repair from PostgreSQL, the source of truth, with {@code external_gte}, so that it
     * also restores a document deleted at the same version.
     */
    void appendIndexAction(StringBuilder bulk, String index, TicketView ticket, String lastEventType, Instant updatedAt,
            boolean fromDatabase) {
        try {
            bulk.append(json.writeValueAsString(json.createObjectNode().set("index", json.createObjectNode()
                            .put("_index", index)
                            .put("_id", ticket.id().toString())
                            .put("version", ticket.version())
                            .put("version_type", fromDatabase ? "external_gte" : "external"))))
                    .append('\n')
                    .append(json.writeValueAsString(document(ticket, lastEventType, updatedAt)))
                    .append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The view, flattened for the index: a geo point, and the contact masked (masking is idempotent). */
    ObjectNode document(TicketView t, String lastEventType, Instant updatedAt) {
        ObjectNode doc = json.valueToTree(t);
        // linkedTo is read-time data of another ticket; mergedInto is the indexed link.
        doc.remove(List.of("id", "location", "contact", "linkedTo", "allowedSteps"));
        doc.put("ticketId", t.id().toString());
        Location location = t.location();
        if (location != null && location.latitude() != null && location.longitude() != null) {
            doc.putObject("point").put("lat", location.latitude()).put("lon", location.longitude());
        }
        doc.put("locationPrecision", location == null ? LocationPrecision.NONE.name() : location.precision().name());
        Contact contact = t.contact() == null ? Contact.NONE : t.contact().masked();
        doc.put("contactName", contact.name());
        doc.put("contactPhone", contact.phone());
        phoneKeys.lastFourKey(contact.phone()).ifPresent(key -> doc.put("contactPhoneLast4Key", key));
        doc.put("anonymous", contact.anonymous());
        // Who may read it: the owner and place are in the view; the assisting units, too (see SearchScope).
        var assisting = doc.putArray("assistingUnits");
        t.reach().assistingUnits().forEach(assisting::add);
        doc.put("lastEventType", lastEventType);
        doc.put("updatedAt", updatedAt.toString());
        return doc;
    }
}
