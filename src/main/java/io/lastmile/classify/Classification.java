package io.lastmile.classify;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the classifier answered for one text: the matter, or null when the call is left to a
 * dispatcher because the best confidence is below the threshold, and the best candidates with the
 * words and character pairs that decided them.
 *
 * @param code       the matter's catalog code, or null: left to a dispatcher
 * @param confidence the best candidate's confidence, 0–1 (0 when no word of any matter was found)
 * @param threshold  the threshold it was compared with
 * @param candidates up to three matters with any evidence, best first
 */
public record Classification(String code, double confidence, double threshold, List<Candidate> candidates) {

    /**
     * @param code       the catalog code
     * @param score      the sum of its evidence's weights
     * @param confidence its share of the evidence of all matters and of "no matter", 0–1
     * @param evidence   its words found in the text, then its strongest character pairs
     */
    public record Candidate(String code, double score, double confidence, List<Evidence> evidence) {
    }

    /**
     * @param text   the word or the pair of characters
     * @param kind   {@link #WORD} (from the catalog) or {@link #GRAM} (learned from labelled calls)
     * @param weight what it added to the score
     */
    public record Evidence(String text, String kind, double weight) {

        public static final String WORD = "word";
        public static final String GRAM = "gram";
    }

    /** The matter, when the classifier is sure enough. */
    public Optional<String> matter() {
        return Optional.ofNullable(code);
    }

    public boolean leftToDispatcher() {
        return code == null;
    }

    /** One line for logs and test output: {@code CS-0401 0.97 [大树 2.0, 倒了 … | 树倒 0.21 …]}. */
    public String explanation() {
        if (candidates.isEmpty()) {
            return "no word of any matter";
        }
        return candidates.stream().map(c -> "%s %.2f [%s]".formatted(c.code(), c.confidence(), c.evidence().stream()
                        .map(e -> "%s %.2f".formatted(e.text(), e.weight())).collect(Collectors.joining(", "))))
                .collect(Collectors.joining("; ", leftToDispatcher() ? "left to a dispatcher: " : "", ""));
    }
}
