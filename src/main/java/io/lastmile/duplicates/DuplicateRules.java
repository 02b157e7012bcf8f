package io.lastmile.duplicates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which open incident, if any, a new report belongs to. Pure, so that the labelled set
 * measures exactly what the service does.
 *
 * <p>An incident is a primary ticket and the callers merged into it; the report is compared with
 * each of its callers and the incident scores as its most alike caller (callers paraphrase each
 * other more than they paraphrase the first). Place, time and category are gates:
 * <ul>
 *   <li>place: within the distance when both positions came from the source ({@link Place#POSITION}),
 *       or else the same village ({@link Place#VILLAGE}): a village centre found from an address
 *       says nothing closer, so a village match needs a stronger text score;</li>
 *   <li>time: the caller was received at most the window before;</li>
 *   <li>matter: two different matters are two problems. A ticket nobody classified counts with the
 *       matter the classifier makes of its words when it is sure enough, and otherwise with any.</li>
 * </ul>
 * The score is the text similarity, plus {@value #SAME_MATTER} when both are known to be about the
 * same matter: callers of one problem share few characters (停电了 / 断电好几个小时 / 没电), and the
 * matter is the evidence their words do share. Distance does not count (on the labelled set,
 * discounting it only blurred the line between paraphrases and neighbours' different problems). A
 * report joins at most one incident: a link first, then the best score, the nearest, the latest.
 */
public final class DuplicateRules {

    /** What two tickets known to be about one matter add to their text similarity. */
    public static final double SAME_MATTER = 0.2;

    public enum Decision {
        AUTO_LINKED, SUGGESTED
    }

    /** How the report and the incident were found to be in one place. */
    public enum Place {
        /** Both positions came from the source and lie within the distance. */
        POSITION,
        /** Only the village is known to be the same. */
        VILLAGE
    }

    /**
     * One open incident that resembles the new report.
     *
     * @param incident the incident's primary ticket number: what a link or suggestion points at
     * @param closest  its caller most like the report
     */
    public record Match(String incident, Report closest, double score, double textSimilarity, Double distanceMeters,
            Place place, Decision decision) {
    }

    /**
     * The incidents the report resembles enough to ask about, best first, each once. {@code around}
     * holds the callers of open incidents, each naming its incident; {@code ruleOf} gives a
     * matter's rule (a report of no known matter takes the incident caller's).
     */
    public static List<Match> matches(Report report, List<Report> around, Function<String, DuplicateRule> ruleOf) {
        Map<String, Match> best = new LinkedHashMap<>();
        for (Report caller : around) {
            if (caller.ticketNumber().equals(report.ticketNumber()) || report.ticketNumber().equals(caller.incident())
                    || !comparable(report.matter(), caller.matter())) {
                continue;
            }
            DuplicateRule rule = ruleOf.apply(report.matter() != null ? report.matter() : caller.matter());
            Duration apart = Duration.between(caller.receivedAt(), report.receivedAt());
            if (apart.isNegative() || apart.compareTo(rule.window()) > 0) {
                continue;
            }
            Double distance = report.hasPosition() && caller.hasPosition()
                    ? meters(report.latitude(), report.longitude(), caller.latitude(), caller.longitude()) : null;
            Place place;
            if (report.exactPosition() && caller.exactPosition() && distance != null && distance <= rule.distanceMeters()) {
                place = Place.POSITION;
            } else if (report.villageCode() != null && report.villageCode().equals(caller.villageCode())
                    && !(report.exactPosition() && caller.exactPosition() && distance != null)) {
                // Two source positions farther apart are two spots, whatever village they share.
                place = Place.VILLAGE;
            } else {
                continue;
            }
            double text = TextSimilarity.dice(report.problem(), caller.problem());
            double score = text + (report.matter() != null && report.matter().equals(caller.matter()) ? SAME_MATTER : 0);
            double suggestAt = place == Place.POSITION ? rule.suggestAt() : rule.villageSuggestAt();
            double linkAt = place == Place.POSITION ? rule.linkAt() : rule.villageLinkAt();
            if (score < suggestAt) {
                continue;
            }
            Match match = new Match(caller.incident(), caller, round(score), round(text),
                    distance == null ? null : Math.round(distance * 10) / 10.0, place,
                    score >= linkAt ? Decision.AUTO_LINKED : Decision.SUGGESTED);
            best.merge(caller.incident(), match, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        List<Match> matches = new ArrayList<>(best.values());
        matches.sort(BEST_FIRST);
        return matches;
    }

    /** The one incident a new report joins or is suggested for, if any. */
    public static Optional<Match> best(Report report, List<Report> around, Function<String, DuplicateRule> ruleOf) {
        return matches(report, around, ruleOf).stream().findFirst();
    }

    /** A link before a suggestion, then the higher score, the nearer, the later caller. */
    private static final Comparator<Match> BEST_FIRST = Comparator
            .comparing((Match m) -> m.decision() == Decision.AUTO_LINKED ? 0 : 1)
            .thenComparing(Match::score, Comparator.reverseOrder())
            .thenComparing(m -> m.distanceMeters() == null ? Double.MAX_VALUE : m.distanceMeters())
            .thenComparing(m -> m.closest().receivedAt(), Comparator.reverseOrder())
            .thenComparing(Match::incident);

    private static boolean comparable(String a, String b) {
        return a == null || b == null || a.equals(b);
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
