package io.lastmile.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which matter of the catalog a caller's words are about, how sure it is, and which words
 * decided, or leaves the call to a dispatcher when it is not sure enough.
 *
 * <p>A matter's score is the sum of the weights of its words found in the text (each word once;
 * a word inside a longer word that was found does not count, so 犬只伤人 is not also 犬) plus
 * {@link #GRAM_WEIGHT} times the learned weights of the character pairs of the text
 * ({@link LearnedGrams}). The confidence of the best matter is its share of
 * {@code exp(score / TEMPERATURE)} among all matters and a "no matter" score of
 * {@link #NO_MATTER_SCORE}: one strong word or two usual ones are needed, and two matters with
 * the same evidence share it. Place names and an operator's stock phrases are removed first:
 * they say where, not what. Plain Java: no search node, no framework.
 */
public final class MatterClassifier {

    /** The evidence a call needs to be about some matter at all: about one strong word or two usual ones. */
    public static final double NO_MATTER_SCORE = 2.0;
    /** How sharply the confidence separates scores; chosen with the threshold on the tuning calls. */
    public static final double TEMPERATURE = 0.5;
    /** How much the learned character pairs count beside the catalog's words. */
    public static final double GRAM_WEIGHT = 0.1;
    /** How many deciding grams an explanation names per matter. */
    private static final int GRAMS_SHOWN = 5;
    /** Phrases operators write into every kind of call (来电人反映…), and contact details. */
    private static final List<String> STOCK_PHRASES = List.of("来电人", "市民来电", "来电称", "来电反映", "来电", "电话");

    /**
     * A matter as the classifier sees it.
     *
     * @param code  the catalog code
     * @param words each word or phrase that speaks for the matter, with its weight (lower case for Latin letters)
     */
    public record Matter(String code, Map<String, Double> words) {

        public Matter {
            words = Map.copyOf(words);
        }
    }

    private final List<Matter> matters;
    private final LearnedGrams grams;
    private final List<String> ignored;
    private final List<String> vocabulary;
    private final double threshold;

    /**
     * @param matters   the catalog's matters with their words
     * @param grams     the character pairs learned from labelled calls (may know other matters or none)
     * @param places    place names to remove before scoring
     * @param threshold below this confidence (0–1) a call is left to a dispatcher
     */
    public MatterClassifier(List<Matter> matters, LearnedGrams grams, Collection<String> places, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must lie between 0 and 1");
        }
        this.matters = List.copyOf(matters);
        this.grams = grams;
        this.ignored = ignoredPhrases(places);
        Set<String> words = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        matters.forEach(m -> m.words().keySet().stream().filter(w -> !w.isBlank()).forEach(words::add));
        this.vocabulary = List.copyOf(words);
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** The matter of a text, or a call left to a dispatcher, with the best candidates and what decided them. */
    public Classification classify(String text) {
        String normalized = normalize(text, ignored);
        Set<String> found = wordsFound(normalized, vocabulary);
        Set<String> pairs = bigrams(normalized);
        List<Scored> scored = new ArrayList<>();
        for (Matter matter : matters) {
            List<Classification.Evidence> evidence = new ArrayList<>();
            double score = 0;
            for (String word : found) {
                Double weight = matter.words().get(word);
                if (weight != null) {
                    score += weight;
                    evidence.add(new Classification.Evidence(word, Classification.Evidence.WORD, weight));
                }
            }
            Map<String, Double> learned = grams.of(matter.code());
            List<Classification.Evidence> gramEvidence = new ArrayList<>();
            for (String pair : pairs) {
                Double weight = learned.get(pair);
                if (weight != null) {
                    score += GRAM_WEIGHT * weight;
                    gramEvidence.add(new Classification.Evidence(pair, Classification.Evidence.GRAM, GRAM_WEIGHT * weight));
                }
            }
            gramEvidence.sort(Comparator.comparingDouble(Classification.Evidence::weight).reversed()
                    .thenComparing(Classification.Evidence::text));
            evidence.addAll(gramEvidence.subList(0, Math.min(GRAMS_SHOWN, gramEvidence.size())));
            scored.add(new Scored(matter.code(), score, evidence));
        }
        // Softmax with the "no matter" score as one more candidate, shifted by the maximum for stability.
        double max = scored.stream().mapToDouble(Scored::score).max().orElse(0);
        max = Math.max(max, NO_MATTER_SCORE);
        double sum = Math.exp((NO_MATTER_SCORE - max) / TEMPERATURE);
        for (Scored s : scored) {
            sum += Math.exp((s.score() - max) / TEMPERATURE);
        }
        List<Classification.Candidate> candidates = new ArrayList<>();
        for (Scored s : scored) {
            if (s.score() > 0) {
                candidates.add(new Classification.Candidate(s.code(), s.score(),
                        Math.exp((s.score() - max) / TEMPERATURE) / sum, s.evidence()));
            }
        }
        candidates.sort(Comparator.comparingDouble(Classification.Candidate::score).reversed()
                .thenComparing(Classification.Candidate::code));
        List<Classification.Candidate> best = candidates.subList(0, Math.min(3, candidates.size()));
        boolean decided = !best.isEmpty() && best.get(0).confidence() >= threshold;
        return new Classification(decided ? best.get(0).code() : null, best.isEmpty() ? 0 : best.get(0).confidence(),
                threshold, List.copyOf(best));
    }

    private record Scored(String code, double score, List<Classification.Evidence> evidence) {
    }

    /** Place names with and without their suffix (花桥港村 and 花桥港), then the stock phrases, longest first. */
    static List<String> ignoredPhrases(Collection<String> places) {
        Set<String> phrases = new HashSet<>(STOCK_PHRASES);
        for (String place : places) {
            if (place == null || place.isBlank()) {
                continue;
            }
            phrases.add(place);
            for (String suffix : List.of("一组", "二组", "社区", "村", "镇", "乡", "县")) {
                if (place.endsWith(suffix) && place.length() - suffix.length() >= 2) {
                    phrases.add(place.substring(0, place.length() - suffix.length()));
                }
            }
        }
        List<String> sorted = new ArrayList<>(phrases);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return List.copyOf(sorted);
    }

    /**
     * Lower case; the ignored phrases, digits, punctuation and other symbols become spaces, so that
     * no character pair spans a removed place or a phone number.
     */
    static String normalize(String text, List<String> ignored) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String phrase : ignored) {
            s = s.replace(phrase, " ");
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isLetter(cp) ? cp : ' '));
        return out.toString();
    }

    /** The words of the vocabulary in the text, each once; one inside a longer word found there does not count. */
    static Set<String> wordsFound(String text, List<String> longestFirst) {
        Set<String> found = new LinkedHashSet<>();
        List<int[]> claimed = new ArrayList<>();
        for (String word : longestFirst) {
            int at = text.indexOf(word);
            while (at >= 0) {
                int start = at;
                int end = at + word.length();
                boolean inside = claimed.stream().anyMatch(c -> c[0] <= start && end <= c[1] && c[1] - c[0] > word.length());
                if (!inside) {
                    claimed.add(new int[] {start, end});
                    found.add(word);
                    break;
                }
                at = text.indexOf(word, at + 1);
            }
        }
        return found;
    }

    /** The distinct pairs of neighbouring characters within each run of letters. */
    static Set<String> bigrams(String normalized) {
        Set<String> pairs = new LinkedHashSet<>();
        for (String run : normalized.trim().split(" +")) {
            int[] cps = run.codePoints().toArray();
            for (int i = 0; i + 1 < cps.length; i++) {
                pairs.add(new String(cps, i, 2));
            }
        }
        return pairs;
    }
}
