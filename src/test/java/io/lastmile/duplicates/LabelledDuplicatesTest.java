package io.lastmile.duplicates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.routing.BundledRouting;
import io.lastmile.routing.Catalog;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled demo tickets ({@code duplicates/labelled-tickets.json}) arrive one after another and
 * go through the service's own rules, as incidents form: a linked ticket joins its incident's
 * callers, and so does a suggested one while it waits for a dispatcher (as in the service's query). Precision and
 * recall of the links, and of links and suggestions together, are printed for the docs
 * ({@code ./mvnw test -Dtest=LabelledDuplicatesTest}), for the whole set and for its village-only and
 * unclassified callers, and held above a floor.
 */
class LabelledDuplicatesTest {

    private static final double BASE_LAT = 28.604;
    private static final double BASE_LON = 112.047;
    /** The service's defaults, as {@link DuplicatesConfig} declares them. */
    private static final DuplicateRule DEFAULTS = new DuplicateRule(Double.parseDouble(DuplicatesConfig.DISTANCE_METERS),
            Duration.parse("PT" + DuplicatesConfig.WINDOW.toUpperCase()), Double.parseDouble(DuplicatesConfig.LINK_AT),
            Double.parseDouble(DuplicatesConfig.SUGGEST_AT), Double.parseDouble(DuplicatesConfig.VILLAGE_LINK_AT),
            Double.parseDouble(DuplicatesConfig.VILLAGE_SUGGEST_AT));

    private static final Catalog CATALOG = BundledRouting.snapshot().catalog();

    record Labelled(String id, String group, boolean classified, Report report) {
    }

    /** What detection did with each ticket, as the service would: a link or a suggestion, at most one. */
    record Outcome(Map<String, String> linkedTo, Map<String, String> suggestedFor, Map<String, String> scores) {
    }

    static Outcome detect(List<Labelled> tickets) {
        Map<String, String> linkedTo = new LinkedHashMap<>();
        Map<String, String> suggestedFor = new LinkedHashMap<>();
        Map<String, String> scores = new LinkedHashMap<>();
        List<Report> open = new ArrayList<>();
        for (Labelled t : tickets) {
            var best = DuplicateRules.best(t.report(), open, code -> DEFAULTS);
            best.ifPresent(m -> scores.put(t.id(), "%s %.2f %s".formatted(m.incident(), m.score(), m.place())));
            if (best.isPresent() && best.get().decision() == DuplicateRules.Decision.AUTO_LINKED) {
                linkedTo.put(t.id(), best.get().incident());
                open.add(t.report().joining(best.get().incident()));
            } else if (best.isPresent()) {
                // Waiting on a dispatcher, it counts as one of the incident's callers, as in the service's query.
                suggestedFor.put(t.id(), best.get().incident());
                open.add(t.report().joining(best.get().incident()));
            } else {
                open.add(t.report());
            }
        }
        return new Outcome(linkedTo, suggestedFor, scores);
    }

    @Test
    void callersOfOneProblemEndAsOneIncidentAndOtherProblemsStayApart() throws Exception {
        List<Labelled> tickets = load();
        Outcome outcome = detect(tickets);
        Map<String, String> groupOf = new HashMap<>();
        tickets.forEach(t -> groupOf.put(t.id(), t.group()));
        Map<String, String> joined = new LinkedHashMap<>(outcome.linkedTo());
        joined.putAll(outcome.suggestedFor());

        Figures links = figures(tickets, outcome.linkedTo(), groupOf, t -> true);
        Figures together = figures(tickets, joined, groupOf, t -> true);
        Figures villageOnly = figures(tickets, joined, groupOf, t -> !t.report().hasPosition());
        Figures unclassified = figures(tickets, joined, groupOf, t -> !t.classified());
        System.out.printf("DUPLICATES labelled set: %d tickets, %d should join an incident%n"
                        + "  links alone:             %s%n  links and suggestions:   %s%n"
                        + "  village-only callers:    %s%n  unclassified callers:    %s%n  links: %s%n  suggestions: %s%n  scores: %s%n",
                tickets.size(), links.shouldJoin(), links, together, villageOnly, unclassified,
                outcome.linkedTo(), outcome.suggestedFor(), outcome.scores());

        Map<String, String> linked = outcome.linkedTo();
        assertEquals("T1", linked.get("T3"), "every later caller joins the first ticket: " + linked);
        assertEquals("T1", linked.get("T2"));
        assertFalse(joined.containsKey("D1"), "a blocked ditch 50 m from the fallen tree is another problem");
        assertFalse(joined.containsKey("D7"), "five days later is outside the window");
        assertFalse(joined.containsKey("D8"), "500 m away is another street light");
        // The case: village-only callers about one fallen tree, classified or not, are one incident ...
        for (String caller : List.of("V2", "V3", "V4", "V5")) {
            assertEquals("V1", joined.get(caller), caller + " joins the fallen tree in 罗家坪村: " + joined);
        }
        // ... and the village's other problems that hour stay apart.
        for (String other : List.of("U1", "U2", "U3", "U4", "Q1", "Q2", "Q3")) {
            assertFalse(joined.containsKey(other), other + " is another problem of the same village: " + joined);
        }
        assertTrue(links.precision() >= 0.95, "precision of the links " + links);
        assertTrue(together.precision() >= 0.8, "precision of links and suggestions (a dispatcher judges those) " + together);
        assertTrue(together.recall() >= 0.8, "recall of links and suggestions " + together);
        assertTrue(villageOnly.recall() >= 0.7, "village-only callers " + villageOnly);
    }

    /** Precision and recall over the tickets {@code counted} picks. */
    record Figures(long joined, long correct, long shouldJoin) {
        double precision() {
            return joined == 0 ? 1 : (double) correct / joined;
        }

        double recall() {
            return shouldJoin == 0 ? 1 : (double) correct / shouldJoin;
        }

        @Override
        public String toString() {
            return "joined %d, %d correctly, of %d: precision %.2f, recall %.2f".formatted(joined, correct, shouldJoin,
                    precision(), recall());
        }
    }

    private static Figures figures(List<Labelled> tickets, Map<String, String> joined, Map<String, String> groupOf,
            Predicate<Labelled> counted) {
        // A ticket should join an incident when someone reported its problem before it.
        Map<String, Boolean> seen = new HashMap<>();
        long shouldJoin = 0;
        long joinedCount = 0;
        long correct = 0;
        for (Labelled t : tickets) {
            boolean earlier = seen.put(t.group(), true) != null;
            if (!counted.test(t)) {
                continue;
            }
            shouldJoin += earlier ? 1 : 0;
            String incident = joined.get(t.id());
            if (incident != null) {
                joinedCount++;
                correct += groupOf.get(incident).equals(t.group()) ? 1 : 0;
            }
        }
        return new Figures(joinedCount, correct, shouldJoin);
    }

    static List<Labelled> load() throws Exception {
        JsonNode root;
        try (InputStream in = LabelledDuplicatesTest.class.getResourceAsStream("/duplicates/labelled-tickets.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Instant start = Instant.parse("2026-11-20T01:00:00Z");
        List<Labelled> tickets = new ArrayList<>();
        for (JsonNode t : root.path("tickets")) {
            boolean positioned = t.has("east");
            Double lat = positioned ? BASE_LAT + t.path("north").asDouble() / 111_195.0 : null;
            Double lon = positioned ? BASE_LON + t.path("east").asDouble() / (111_195.0 * Math.cos(Math.toRadians(BASE_LAT))) : null;
            // As the service does: the classified matter, else the one the classifier is sure of, if any.
            String matter = t.path("category").isNull() ? CATALOG.classify(t.path("text").asText(), t.path("address").asText()).code()
                    : t.path("category").asText();
            tickets.add(new Labelled(t.path("id").asText(), t.path("group").asText(), !t.path("category").isNull(), new Report(t.path("id").asText(),
                    matter, lat, lon, positioned, t.path("village").asText(null),
                    start.plus(Duration.ofMinutes(t.path("minutes").asLong())),
                    TextSimilarity.problem(t.path("text").asText(), t.path("address").asText()))));
        }
        tickets.sort(Comparator.comparing(l -> l.report().receivedAt()));
        return tickets;
    }
}
