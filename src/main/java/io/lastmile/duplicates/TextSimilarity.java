package io.lastmile.duplicates;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How alike two callers' descriptions are: the Dice coefficient of the characters that describe the
 * problem, that is the text's Han characters, letters and digits, less a few function characters
 * (的, 了, 在 …) and less the characters of the place (address, village). Callers paraphrase
 * (大树倒了 / 倒下的大树 / 树被风刮倒), so single characters matched better than bigrams on the
 * labelled set (docs/measurements.md); the place is removed because two different problems in one
 * village share its name.
 */
public final class TextSimilarity {

    private static final Set<Integer> FUNCTION_CHARACTERS = "的了在有是很都一个我们就还也把被和与及请你他她它这那啊吧呢吗么"
            .codePoints().collect(HashSet::new, Set::add, Set::addAll);

    /** The characters of a text that may describe something, lower case. */
    static Set<String> characters(String text) {
        Set<String> characters = new HashSet<>();
        if (text != null) {
            text.toLowerCase(Locale.ROOT).codePoints()
                    .filter(cp -> Character.isLetterOrDigit(cp) && !FUNCTION_CHARACTERS.contains(cp))
                    .forEach(cp -> characters.add(Character.toString(cp)));
        }
        return characters;
    }

    /** The characters of the problem: the text's, less those of the places it names. */
    public static Set<String> problem(String text, String... places) {
        Set<String> problem = characters(text);
        for (String place : places) {
            problem.removeAll(characters(place));
        }
        return problem;
    }

    /** 0 (nothing in common) to 1 (the same characters). */
    public static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return 2.0 * common.size() / (a.size() + b.size());
    }

    private TextSimilarity() {
    }
}
