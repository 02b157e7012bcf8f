package io.lastmile.kpi;

import io.lastmile.ticket.Card;
import io.lastmile.ticket.KpiQueries;
import io.lastmile.ticket.KpiQueries.CountedStep;
import io.lastmile.ticket.KpiQueries.Tracked;
import io.lastmile.ticket.TicketQueries;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.TicketView;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one ticket adds to the live KPIs, by the definitions of docs/kpis.md, the same rules as the
 * SQL of {@link KpiQueries} written over one ticket: its volumes, resolution and completion deadline
 * count for the unit that handles it now, in the month it was received or was due; each step counts
 * for the unit it concerned, in the month it happened. And how a ticket's facts from PostgreSQL and
 * from events come together, in whatever order they arrive.
 */
final class TrackedTickets {

    /** A group of the live KPIs: a month ({@code 2026-12}), a day ({@code 2026-12-07}: volumes only) or {@link #NOW}. */
    record Key(String period, String unit, String channel) {
    }

    /** The period of the open tickets and their cards: what holds now. */
    static final String NOW = "now";

    private static final List<TicketStatus> OPEN = TicketQueries.OPEN;

    private TrackedTickets() {
    }

    /** The ticket's whole contribution, group by group. */
    static Map<Key, LiveTally> contribution(Tracked t) {
        Map<Key, LiveTally> out = new HashMap<>();
        String unit = unit(t.unitCode());
        boolean handled = t.status() != TicketStatus.MERGED;
        if (t.receivedAt() != null) {
            LiveTally month = tally(out, new Key(month(t.receivedAt()), unit, t.channel()));
            month.received++;
            month.immediate += t.immediate() ? 1 : 0;
            if (handled) {
                month.handled++;
                if (t.firstDone() != null) {
                    month.resolved++;
                    month.resolveSeconds += seconds(t.receivedAt(), t.firstDone());
                }
                if ("urban".equals(t.channel()) && t.firstHandOver() != null) {
                    month.urbanDispatched++;
                    month.urbanDisposed += t.firstDone() != null ? 1 : 0;
                }
            }
            tally(out, new Key(day(t.receivedAt()), unit, t.channel())).received++;
        }
        if (handled && t.completionDeadline() != null) {
            LiveTally due = tally(out, new Key(month(t.completionDeadline()), unit, t.channel()));
            due.completionDue++;
            due.resolvedOnTime += t.firstResolved() != null && !t.firstResolved().isAfter(t.completionDeadline()) ? 1 : 0;
        }
        if (OPEN.contains(t.status())) {
            LiveTally now = tally(out, new Key(NOW, unit, t.channel()));
            now.open++;
            now.openYellow += t.card() == Card.YELLOW ? 1 : 0;
            now.openRed += t.card() == Card.RED ? 1 : 0;
        }
        steps(t, out);
        return out;
    }

    /** Hand-overs and what their unit did next; closings, redos and revisits. */
    private static void steps(Tracked t, Map<Key, LiveTally> out) {
        List<CountedStep> steps = t.steps();
        CountedStep waiting = null;
        for (CountedStep step : steps) {
            boolean handOver = KpiQueries.HAND_OVERS.contains(step.type());
            boolean ends = "TicketSignedFor".equals(step.type()) || "TicketReturned".equals(step.type());
            if (waiting != null && (handOver || ends)) {
                // The step after a hand-over among hand-overs, sign-fors and returns says what its unit did.
                LiveTally at = tally(out, new Key(month(waiting.at()), unit(waiting.unitCode()), t.channel()));
                if ("TicketSignedFor".equals(step.type())) {
                    at.signedFor++;
                    at.signSeconds += seconds(waiting.at(), step.at());
                    at.signedOnTime += waiting.stageDeadline() != null && !step.at().isAfter(waiting.stageDeadline()) ? 1 : 0;
                } else if ("TicketReturned".equals(step.type())) {
                    at.returned++;
                }
                waiting = null;
            }
            Key key = new Key(month(step.at()), unit(step.unitCode()), t.channel());
            if (handOver) {
                tally(out, key).handOvers++;
                waiting = step;
            }
            switch (step.type()) {
                case "TicketClosed" -> tally(out, key).closed++;
                case "TicketRedone" -> tally(out, key).redone++;
                case "TicketRevisited" -> {
                    if (step.satisfaction() != null) {
                        tally(out, key).revisits++;
                        tally(out, key).satisfied += KpiQueries.SATISFIED.contains(step.satisfaction()) ? 1 : 0;
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * One ticket's facts from two sources put together: the state of the newer version, every step
     * either knows (by version), the earliest resolution and hand-over either saw. So a rebuild from
     * PostgreSQL and the events that cross it agree, whichever comes first, and a redelivered event
     * changes nothing.
     */
    static Tracked merge(Tracked known, Tracked other) {
        if (known == null) {
            return other;
        }
        Tracked newer = other.version() > known.version() ? other : known;
        TreeMap<Integer, CountedStep> steps = new TreeMap<>();
        Stream.concat(known.steps().stream(), other.steps().stream()).forEach(s -> steps.putIfAbsent(s.version(), s));
        return new Tracked(newer.id(), newer.version(), newer.channel(), newer.unitCode(), newer.townshipCode(),
                newer.catalogCode(), newer.status(), newer.immediate(), newer.receivedAt(), newer.completionDeadline(),
                newer.card(), earliest(known.firstDone(), other.firstDone()),
                earliest(known.firstResolved(), other.firstResolved()),
                earliest(known.firstHandOver(), other.firstHandOver()), List.copyOf(steps.values()));
    }

    /** The facts one event tells of its ticket: its state after the event, and the step itself when it is counted. */
    static Tracked of(TicketEvent event) {
        TicketSnapshot t = event.ticket();
        String type = event.type();
        Instant at = event.occurredAt();
        List<CountedStep> steps = KpiQueries.COUNTED_STEPS.contains(type)
                ? List.of(new CountedStep(event.version(), type, t.unit() == null ? null : t.unit().code(), at,
                        instant(t.deadline()), satisfaction(event)))
                : List.of();
        boolean done = "TicketResolved".equals(type) || "TicketAnsweredAtIntake".equals(type);
        return new Tracked(event.ticketId(), event.version(), t.channel(), t.unit() == null ? null : t.unit().code(),
                t.townshipCode(), t.catalogItem() == null ? null : t.catalogItem().code(), t.status(), t.immediate(),
                instant(t.receivedAt()), t.timeLimits() == null ? null : instant(t.timeLimits().completion()),
                t.timeLimits() == null ? Card.NONE : t.timeLimits().card(), done ? at : null,
                "TicketResolved".equals(type) ? at : null, KpiQueries.HAND_OVERS.contains(type) ? at : null, steps);
    }

    /** A revisit's answer, as its timeline entry keeps it: the event's own, not the ticket's (an earlier revisit's). */
    private static String satisfaction(TicketEvent event) {
        return event.change() instanceof TicketChange.TicketRevisited revisited ? revisited.satisfaction() : null;
    }

    /** Whether the ticket still adds anything to a period from {@code since} on, or is open. */
    static boolean countsSince(Tracked t, Instant since) {
        return OPEN.contains(t.status()) || after(t.receivedAt(), since) || after(t.completionDeadline(), since)
                || t.steps().stream().anyMatch(s -> after(s.at(), since));
    }

    static String month(Instant at) {
        return YearMonth.from(at.atZone(TicketView.SHOWN_IN)).toString();
    }

    static String day(Instant at) {
        return at.atZone(TicketView.SHOWN_IN).toLocalDate().toString();
    }

    /** The unit's key: {@code -} where no unit handles the ticket. */
    static String unit(String code) {
        return code == null ? "-" : code;
    }

    private static boolean after(Instant at, Instant since) {
        return at != null && !at.isBefore(since);
    }

    private static LiveTally tally(Map<Key, LiveTally> out, Key key) {
        return out.computeIfAbsent(key, k -> new LiveTally());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : Stream.of(a, b).min(Comparator.naturalOrder()).get();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
