package io.lastmile.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.event.TicketSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

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

    /**
     * Appends the action line and the document of one ticket to a bulk body aimed at {@code index}
     * (an index or the alias). Events write with {@code external} versions (a repeat is refused);
     * a rebuild or repair from PostgreSQL, the source of truth, with {@code external_gte}, so that it
     * also restores a document deleted at the same version.
     */
    void appendIndexAction(StringBuilder bulk, String index, TicketSnapshot ticket, String lastEventType, Instant updatedAt,
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

    /**
     * The search document: the index's own view of a ticket, field by field (the mapping in
     * {@link TicketSearchIndex}), from the event schema's snapshot. Contacts masked, plus a keyed
     * hash of the phone's last four digits; who may read it (owner, place, assisting units).
     */
    ObjectNode document(TicketSnapshot t, String lastEventType, Instant updatedAt) {
        ObjectNode doc = json.createObjectNode();
        doc.put("ticketId", t.id().toString());
        doc.put("ticketNumber", t.ticketNumber());
        doc.put("channel", t.channel());
        doc.put("sourceId", t.sourceId());
        doc.put("status", t.status().name());
        doc.put("statusLabel", t.status().label());
        doc.put("kind", t.kind().name());
        doc.put("kindLabel", t.kind().label());
        doc.put("urgency", t.urgency().name());
        doc.put("text", t.text());
        doc.put("address", t.address());
        Location location = t.location();
        if (location != null && location.latitude() != null && location.longitude() != null) {
            doc.putObject("point").put("lat", location.latitude()).put("lon", location.longitude());
        }
        doc.put("locationPrecision", location == null ? LocationPrecision.NONE.name() : location.precision().name());
        Contact contact = t.contact().masked();
        doc.put("contactName", contact.name());
        doc.put("contactPhone", contact.phone());
        phoneKeys.lastFourKey(contact.phone()).ifPresent(key -> doc.put("contactPhoneLast4Key", key));
        doc.put("anonymous", contact.anonymous());
        doc.set("extras", t.extras());
        doc.put("township", t.township());
        doc.put("townshipCode", t.townshipCode());
        doc.put("village", t.village());
        doc.put("villageCode", t.villageCode());
        ref(doc, "unit", t.unit());
        ref(doc, "catalogItem", t.catalogItem());
        doc.put("assignee", t.assignee());
        doc.put("routedBy", t.routedBy());
        doc.put("responsible", t.responsible());
        doc.put("immediate", t.immediate());
        doc.put("result", t.result());
        doc.put("satisfaction", t.satisfaction());
        doc.put("supervised", t.supervised());
        doc.put("redoCount", t.redoCount());
        doc.put("mergedInto", t.mergedInto());
        doc.put("extensionDays", t.extensionDays());
        doc.set("assistants", json.valueToTree(t.assistants()));
        // Who may read it: the owner and place above; the assisting units here (see SearchScope).
        var assisting = doc.putArray("assistingUnits");
        t.reach().assistingUnits().forEach(assisting::add);
        doc.put("deadline", text(t.deadline()));
        TicketSnapshot.TimeLimits limits = t.timeLimits();
        ObjectNode timeLimits = doc.putObject("timeLimits");
        timeLimits.put("signFor", text(limits.signFor()));
        timeLimits.put("completion", text(limits.completion()));
        timeLimits.put("feedback", text(limits.feedback()));
        timeLimits.put("card", limits.card().name());
        timeLimits.put("yellowAt", text(limits.yellowAt()));
        timeLimits.put("paused", limits.paused());
        timeLimits.put("provisional", limits.provisional());
        doc.put("sourceTime", text(t.sourceTime()));
        doc.put("receivedAt", text(t.receivedAt()));
        doc.put("receivedBy", t.receivedBy());
        doc.put("version", t.version());
        doc.put("lastEventType", lastEventType);
        doc.put("updatedAt", updatedAt.toString());
        return doc;
    }

    private static void ref(ObjectNode doc, String field, TicketSnapshot.Ref ref) {
        if (ref == null) {
            doc.putNull(field);
        } else {
            doc.putObject(field).put("code", ref.code()).put("name", ref.name());
        }
    }

    /** As Jackson writes it everywhere else: seconds always, so that every node parses it. */
    private static String text(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
