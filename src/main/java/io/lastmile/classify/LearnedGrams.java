package io.lastmile.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pairs of neighbouring characters that speak for a matter, learned from labelled calls: for each
 * matter, the pairs found in at least {@link #MIN_CALLS} of its calls, weighted by how much more
 * often its calls hold them than the other matters' calls (the log of the ratio of the two
 * smoothed shares; only pairs that speak for it are kept). They catch what callers say around a
 * matter that no catalog word names (晚上黑, 包工头跑了). The bundled file is learned from the
 * tuning calls only; see {@code LearnedGramsTest} for how it is rebuilt.
 */
public final class LearnedGrams {

    /** A labelled call: the expected catalog code, or null when no matter fits it. */
    public record LabelledCall(String code, String text) {
    }

    /** The classpath file the service uses. */
    public static final String BUNDLED = "/classify/learned-grams.tsv";
    /** A pair must occur in at least this many calls of a matter: one call's wording is not learned. */
    static final int MIN_CALLS = 2;

    private static final class Bundled {
        static final LearnedGrams INSTANCE = readBundled();
    }

    private final Map<String, Map<String, Double>> byMatter;

    private LearnedGrams(Map<String, Map<String, Double>> byMatter) {
        Map<String, Map<String, Double>> copy = new TreeMap<>();
        byMatter.forEach((code, grams) -> copy.put(code, Map.copyOf(grams)));
        this.byMatter = copy;
    }

    public static LearnedGrams none() {
        return new LearnedGrams(Map.of());
    }

    /** The file shipped with the service, read once. */
    public static LearnedGrams bundled() {
        return Bundled.INSTANCE;
    }

    /** A matter's pairs and their weights; empty for a matter nothing was learned for (a new one). */
    public Map<String, Double> of(String code) {
        return byMatter.getOrDefault(code, Map.of());
    }

    public Set<String> matters() {
        return byMatter.keySet();
    }

    /** Learns from labelled calls; places are removed first, as the classifier does. */
    public static LearnedGrams learn(List<LabelledCall> calls, Collection<String> places) {
        List<String> ignored = MatterClassifier.ignoredPhrases(places);
        Map<String, List<Set<String>>> callsOf = new TreeMap<>();
        for (LabelledCall call : calls) {
            if (call.code() != null) {
                callsOf.computeIfAbsent(call.code(), c -> new ArrayList<>())
                        .add(MatterClassifier.bigrams(MatterClassifier.normalize(call.text(), ignored)));
            }
        }
        Map<String, Integer> inAll = new HashMap<>();
        Map<String, Map<String, Integer>> inMatter = new HashMap<>();
        int total = 0;
        for (Map.Entry<String, List<Set<String>>> matter : callsOf.entrySet()) {
            Map<String, Integer> counts = new HashMap<>();
            for (Set<String> pairs : matter.getValue()) {
                pairs.forEach(p -> counts.merge(p, 1, Integer::sum));
            }
            counts.forEach((p, k) -> inAll.merge(p, k, Integer::sum));
            inMatter.put(matter.getKey(), counts);
            total += matter.getValue().size();
        }
        Map<String, Map<String, Double>> learned = new TreeMap<>();
        for (Map.Entry<String, Map<String, Integer>> matter : inMatter.entrySet()) {
            int n = callsOf.get(matter.getKey()).size();
            Map<String, Double> weights = new TreeMap<>();
            for (Map.Entry<String, Integer> pair : matter.getValue().entrySet()) {
                int k = pair.getValue();
                if (k < MIN_CALLS) {
                    continue;
                }
                double here = (k + 1.0) / (n + 2.0);
                double elsewhere = (inAll.get(pair.getKey()) - k + 1.0) / (total - n + 2.0);
                double weight = Math.round(Math.log(here / elsewhere) * 1000) / 1000.0;
                if (weight > 0) {
                    weights.put(pair.getKey(), weight);
                }
            }
            learned.put(matter.getKey(), weights);
        }
        return new LearnedGrams(learned);
    }

    /** The file format: a comment header, then {@code code<TAB>pair<TAB>weight} per line. */
    public String write(String header) {
        StringBuilder out = new StringBuilder();
        header.lines().forEach(line -> out.append("# ").append(line).append('\n'));
        byMatter.forEach((code, grams) -> grams.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(g -> out.append(code).append('\t').append(g.getKey()).append('\t')
                        .append(String.format(Locale.ROOT, "%.3f", g.getValue())).append('\n')));
        return out.toString();
    }

    public static LearnedGrams read(String text) {
        Map<String, Map<String, Double>> byMatter = new TreeMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IllegalArgumentException("learned grams: code, pair and weight expected in \"" + line + "\"");
            }
            byMatter.computeIfAbsent(fields[0], c -> new HashMap<>()).put(fields[1], Double.parseDouble(fields[2]));
        });
        return new LearnedGrams(byMatter);
    }

    private static LearnedGrams readBundled() {
        try (InputStream in = LearnedGrams.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
