package io.lastmile.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A ticket as the API, the events and every screen show it. Times are in Asia/Shanghai, the
 * zone in which operators read them to callers. {@code allowedSteps} is the reader's own and only
 * in answers to a person; events and the index leave it out.
 */
public record TicketView(UUID id, String ticketNumber, String channel, String sourceId, String status, String kind,
        String kindLabel, String urgency, String text, String address, Location location, Contact contact,
        JsonNode extras, String township, String townshipCode, String village, String villageCode, Ref unit,
        Ref catalogItem, String assignee, String routedBy, String statusLabel, String responsible, boolean immediate,
        String result, String satisfaction, boolean supervised, int redoCount, String mergedInto, int extensionDays,
        List<JointHandling.Assistant> assistants, OffsetDateTime deadline, TimeLimits timeLimits, OffsetDateTime sourceTime,
        OffsetDateTime receivedAt, String receivedBy, int version, Link linkedTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Incident incident,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> allowedSteps) {

    /**
     * A primary ticket's incident, in the lists people work from: one entry for one problem, with
     * every caller (事件: the primary and the tickets merged into it, each caller's own number).
     *
     * @param callers       how many called about it, the primary's caller included
     * @param linkedTickets the tickets merged into it, the earliest first
     */
    public record Incident(int callers, List<String> linkedTickets) {
    }

    /**
     * The primary ticket of a merged one: the progress every caller about the same problem follows
     * (each caller keeps their own ticket number).
     */
    public record Link(String ticketNumber, String status, String statusLabel, String result, OffsetDateTime deadline) {

        static Link of(Ticket primary) {
            return new Link(primary.ticketNumber, primary.status.name(), primary.status.label(), primary.resultText,
                    TicketSnapshots.shown(primary.deadline));
        }

        /** A primary outside the caller's scope: only its number and where it stands. */
        Link numberAndStatusOnly() {
            return new Link(ticketNumber, status, statusLabel, null, null);
        }
    }

    /**
     * The time limits of the ticket (all in Asia/Shanghai), the card of the current stage, and
     * whether a deadline was computed without the year's calendar (weekdays only).
     */
    public record TimeLimits(OffsetDateTime signFor, OffsetDateTime completion, OffsetDateTime feedback, String card,
            OffsetDateTime yellowAt, boolean paused, boolean provisional) {
    }

    /** A code with the name people read: the owning unit, the catalog item. */
    public record Ref(String code, String name) {

        static Ref of(String code, String name) {
            return code == null ? null : new Ref(code, name);
        }
    }

    public static final ZoneId SHOWN_IN = ZoneId.of("Asia/Shanghai");

    public static TicketView of(Ticket t) {
        return new TicketView(t.id, t.ticketNumber, t.channel.code(), t.sourceId, t.status.name(), t.kind.name(),
                t.kind.label(), t.urgency.name(), t.text, t.address,
                new Location(t.longitude, t.latitude, t.locationPrecision, t.sourceCoordSystem, t.sourceLongitude,
                        t.sourceLatitude),
                new Contact(t.contactName, t.contactPhone, t.anonymous),
                TicketSnapshots.extras(t.extras), t.townshipName, t.townshipCode, t.villageName, t.villageCode,
                Ref.of(t.unitCode, t.unitName), Ref.of(t.catalogCode, t.catalogName), t.assignee, t.routedBy,
                t.status.label(), t.responsible, t.immediate, t.resultText, t.satisfaction, t.supervised, t.redoCount,
                t.mergedInto, t.extensionDays, JointHandling.read(t.assistants),
                TicketSnapshots.shown(t.deadline),
                new TimeLimits(TicketSnapshots.shown(t.signForDeadline), TicketSnapshots.shown(t.completionDeadline), TicketSnapshots.shown(t.feedbackDeadline), t.card.name(),
                        TicketSnapshots.shown(t.yellowAt), t.pausedAt != null, t.deadlineProvisional),
                t.sourceTime.atZone(SHOWN_IN).toOffsetDateTime(),
                t.receivedAt.atZone(SHOWN_IN).toOffsetDateTime(), t.receivedBy, t.version, null, null, null);
    }

    /**
     * The view for someone who does not call the citizen: the contact masked, and the phone, ID and
     * bank-card numbers typed into the text, address and result too ({@link PersonalNumbers}).
     */
    public TicketView withMaskedContact() {
        return new TicketView(id, ticketNumber, channel, sourceId, status, kind, kindLabel, urgency,
                PersonalNumbers.mask(text), PersonalNumbers.mask(address),
                location, contact.masked(), extras, township, townshipCode, village, villageCode, unit, catalogItem,
                assignee, routedBy, statusLabel, responsible, immediate, PersonalNumbers.mask(result), satisfaction, supervised, redoCount,
                mergedInto, extensionDays, assistants, deadline, timeLimits, sourceTime, receivedAt, receivedBy, version,
                linkedTo, incident, allowedSteps);
    }

    /** The same view with the primary ticket it is merged into. */
    public TicketView linkedTo(Link primary) {
        return new TicketView(id, ticketNumber, channel, sourceId, status, kind, kindLabel, urgency, text, address,
                location, contact, extras, township, townshipCode, village, villageCode, unit, catalogItem,
                assignee, routedBy, statusLabel, responsible, immediate, result, satisfaction, supervised, redoCount,
                mergedInto, extensionDays, assistants, deadline, timeLimits, sourceTime, receivedAt, receivedBy, version,
                primary, incident, allowedSteps);
    }

    /** The same view with the steps its reader may take now (each caller's own: see {@link Ticket#allowedSteps}). */
    public TicketView withAllowedSteps(java.util.Collection<Step> steps) {
        return new TicketView(id, ticketNumber, channel, sourceId, status, kind, kindLabel, urgency, text, address,
                location, contact, extras, township, townshipCode, village, villageCode, unit, catalogItem,
                assignee, routedBy, statusLabel, responsible, immediate, result, satisfaction, supervised, redoCount,
                mergedInto, extensionDays, assistants, deadline, timeLimits, sourceTime, receivedAt, receivedBy, version,
                linkedTo, incident, steps.stream().map(Step::name).sorted().toList());
    }

    /** The same view with the incident it is the primary of (only where linked tickets exist). */
    public TicketView withIncident(List<String> linkedTickets) {
        Incident of = linkedTickets.isEmpty() ? null : new Incident(linkedTickets.size() + 1, List.copyOf(linkedTickets));
        return new TicketView(id, ticketNumber, channel, sourceId, status, kind, kindLabel, urgency, text, address,
                location, contact, extras, township, townshipCode, village, villageCode, unit, catalogItem,
                assignee, routedBy, statusLabel, responsible, immediate, result, satisfaction, supervised, redoCount,
                mergedInto, extensionDays, assistants, deadline, timeLimits, sourceTime, receivedAt, receivedBy, version,
                linkedTo, of, allowedSteps);
    }

    /** What decides who may read this ticket: the same as the model's {@link Ticket#reach()}. */
    public TicketScope.Reach reach() {
        return new TicketScope.Reach(unit == null ? null : unit.code(), townshipCode, villageCode,
                assistants == null ? List.of() : assistants.stream().map(JointHandling.Assistant::unitCode).toList());
    }
}
