package io.lastmile.duplicates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for a new report and the open earlier reports of its category near it, which are the
 * same problem. Pure, so that the labelled set measures exactly what the service does.
 *
 * <p>Distance, time window and category are gates; the score is the text similarity alone (on the
 * labelled set, discounting distance only blurred the line between paraphrases and neighbours'
 * different problems). At or above {@code linkAt} the new ticket is linked to the earliest such report (the
 * primary: every later caller joins it), but only when both positions came from the source: a
 * position guessed from an address is a village centre, and two reports there may be a kilometre
 * apart. Between {@code suggestAt} and {@code linkAt} a dispatcher decides.
 */
public final class DuplicateRules {

    public enum Decision {
        AUTO_LINKED, SUGGESTED
    }

    /** One earlier report that resembles the new one. */
    public record Match(Report earlier, double score, double textSimilarity, Double distanceMeters, Decision decision) {
    }

    /** The matches, best first; at most one is {@link Decision#AUTO_LINKED}. */
    public static List<Match> matches(Report report, List<Report> earlier, DuplicateRule rule) {
        List<Match> matches = new ArrayList<>();
        for (Report candidate : earlier) {
            if (candidate.ticketNumber().equals(report.ticketNumber()) || !sameCategory(report, candidate)
                    || candidate.receivedAt().isAfter(report.receivedAt())
                    || Duration.between(candidate.receivedAt(), report.receivedAt()).compareTo(rule.window()) > 0) {
                continue;
            }
            Double distance = null;
            if (report.hasPosition() && candidate.hasPosition()) {
                distance = meters(report.latitude(), report.longitude(), candidate.latitude(), candidate.longitude());
                if (distance > rule.distanceMeters()) {
                    continue;
                }
            } else if (report.villageCode() == null || !report.villageCode().equals(candidate.villageCode())) {
                continue; // without positions, only the same village can tell
            }
            double text = TextSimilarity.dice(report.problem(), candidate.problem());
            double score = text;
            if (score >= rule.suggestAt()) {
                matches.add(new Match(candidate, round(score), round(text), distance == null ? null : Math.round(distance * 10) / 10.0,
                        Decision.SUGGESTED));
            }
        }
        Optional<Match> primary = matches.stream()
                .filter(m -> m.score() >= rule.linkAt() && report.exactPosition() && m.earlier().exactPosition()
                        && m.distanceMeters() != null)
                .min(Comparator.comparing((Match m) -> m.earlier().receivedAt()).thenComparing(m -> m.earlier().ticketNumber()));
        List<Match> decided = new ArrayList<>();
        for (Match m : matches) {
            decided.add(primary.isPresent() && primary.get() == m
                    ? new Match(m.earlier(), m.score(), m.textSimilarity(), m.distanceMeters(), Decision.AUTO_LINKED) : m);
        }
        decided.sort(Comparator.comparing(Match::score).reversed());
        return decided;
    }

    private static boolean sameCategory(Report a, Report b) {
        return a.category() != null && a.category().equals(b.category());
    }

    /** Haversine on a sphere of the Earth's mean radius: plenty for 150 m. */
    static double meters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private DuplicateRules() {
    }
}
