package io.lastmile.duplicates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled demo tickets ({@code duplicates/labelled-tickets.json}) arrive one after another and
 * go through the service's own rules: precision and recall of the automatic linking, printed for
 * the docs ({@code ./mvnw test -Dtest=LabelledDuplicatesTest}) and held above a floor.
 */
class LabelledDuplicatesTest {

    private static final double BASE_LAT = 28.604;
    private static final double BASE_LON = 112.047;
    /** The service's defaults, as {@link DuplicatesConfig} declares them. */
    private static final DuplicateRule DEFAULTS = new DuplicateRule(Double.parseDouble(DuplicatesConfig.DISTANCE_METERS),
            Duration.parse("PT" + DuplicatesConfig.WINDOW.toUpperCase()), Double.parseDouble(DuplicatesConfig.LINK_AT), Double.parseDouble(DuplicatesConfig.SUGGEST_AT));

    record Labelled(String id, String group, Report report) {
    }

    @Test
    void automaticLinkingIsPreciseAndFindsMostCallersOfOneProblem() throws Exception {
        List<Labelled> tickets = load();
        Map<String, String> linkedTo = new HashMap<>();   // ticket → its primary
        Map<String, String> suggested = new LinkedHashMap<>();
        List<Report> open = new ArrayList<>();
        for (Labelled t : tickets) {
            List<DuplicateRules.Match> matches = DuplicateRules.matches(t.report(), open, DEFAULTS);
            matches.stream().filter(m -> m.decision() == DuplicateRules.Decision.AUTO_LINKED).findFirst()
                    .ifPresentOrElse(m -> linkedTo.put(t.id(), m.earlier().ticketNumber()), () -> open.add(t.report()));
            matches.stream().filter(m -> m.decision() == DuplicateRules.Decision.SUGGESTED)
                    .forEach(m -> suggested.put(t.id() + "→" + m.earlier().ticketNumber(), "%.2f".formatted(m.score())));
        }
        Map<String, String> groupOf = new HashMap<>();
        tickets.forEach(t -> groupOf.put(t.id(), t.group()));
        long correct = linkedTo.entrySet().stream().filter(e -> groupOf.get(e.getKey()).equals(groupOf.get(e.getValue()))).count();
        // Every ticket whose problem someone reported earlier should be linked.
        Map<String, Long> perGroup = new HashMap<>();
        tickets.forEach(t -> perGroup.merge(t.group(), 1L, Long::sum));
        long shouldLink = perGroup.values().stream().mapToLong(n -> n - 1).sum();
        double precision = linkedTo.isEmpty() ? 1 : (double) correct / linkedTo.size();
        double recall = (double) correct / shouldLink;
        System.out.printf("DUPLICATES labelled set: %d tickets, %d should be linked; linked %d, %d correctly: "
                        + "precision %.2f, recall %.2f%n  links: %s%n  suggestions: %s%n",
                tickets.size(), shouldLink, linkedTo.size(), correct, precision, recall, linkedTo, suggested);

        assertTrue(linkedTo.containsKey("T2") && linkedTo.containsKey("T3"), "three callers about one fallen tree: " + linkedTo);
        assertEquals("T1", linkedTo.get("T3"), "every later caller joins the first ticket");
        assertTrue(!linkedTo.containsKey("D1"), "a blocked ditch 50 m from the fallen tree is another problem");
        assertTrue(!linkedTo.containsKey("D7"), "five days later is outside the window");
        assertTrue(!linkedTo.containsKey("D8"), "500 m away is another street light");
        assertTrue(precision >= 0.9, "precision " + precision);
        assertTrue(recall >= 0.7, "recall " + recall);
    }

    static List<Labelled> load() throws Exception {
        JsonNode root;
        try (InputStream in = LabelledDuplicatesTest.class.getResourceAsStream("/duplicates/labelled-tickets.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Instant start = Instant.parse("2026-11-20T01:00:00Z");
        List<Labelled> tickets = new ArrayList<>();
        for (JsonNode t : root.path("tickets")) {
            double lat = BASE_LAT + t.path("north").asDouble() / 111_195.0;
            double lon = BASE_LON + t.path("east").asDouble() / (111_195.0 * Math.cos(Math.toRadians(BASE_LAT)));
            tickets.add(new Labelled(t.path("id").asText(), t.path("group").asText(), new Report(t.path("id").asText(),
                    t.path("category").asText(), lat, lon, true, null, start.plus(Duration.ofMinutes(t.path("minutes").asLong())),
                    TextSimilarity.problem(t.path("text").asText(), t.path("address").asText()))));
        }
        tickets.sort(java.util.Comparator.comparing(l -> l.report().receivedAt()));
        return tickets;
    }
}
