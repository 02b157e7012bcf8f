package io.lastmile.routing;

import io.lastmile.classify.Classification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled calls ({@code src/test/resources/classifier/}) go through the bundled catalog's
 * classifier as the service runs it: accuracy on what it classifies and the share it leaves to a
 * dispatcher, for the held-out part (never used for tuning) and the tuning part, printed for the
 * docs ({@code ./mvnw test -Dtest=CatalogClassificationTest}) and held above a floor.
 */
class CatalogClassificationTest {

    private final Catalog catalog = BundledRouting.snapshot().catalog();

    /** What one part of the labelled calls gave. */
    record Figures(int calls, int classified, int correct, int left, int leftWithAMatter, int noneClassified,
            List<String> mistakes) {

        double accuracy() {
            return classified == 0 ? 1 : (double) correct / classified;
        }

        double leftShare() {
            return (double) left / calls;
        }

        String line(String part) {
            return ("%s: %d calls, %d classified, %d correctly: accuracy %.3f; left to a dispatcher %d (%.3f), of them %d"
                    + " with a matter; %d calls that no matter fits were classified").formatted(part, calls, classified, correct, accuracy(), left, leftShare(), leftWithAMatter, noneClassified);
        }
    }

    /** The rule the classifier replaced: the matter with the longest keyword found in the text, else none. */
    private String longestKeyword(LabelledCalls.Call call) {
        String text = call.text() + " " + call.address();
        String best = null;
        int length = 0;
        for (CatalogItem item : catalog.items()) {
            for (String keyword : item.rules().keywords()) {
                if (text.contains(keyword) && keyword.length() > length) {
                    best = item.code();
                    length = keyword.length();
                }
            }
        }
        return best;
    }

    private Figures measure(List<LabelledCalls.Call> calls, Function<LabelledCalls.Call, Classification> classifier) {
        int classified = 0;
        int correct = 0;
        int left = 0;
        int leftWithAMatter = 0;
        int noneClassified = 0;
        List<String> mistakes = new ArrayList<>();
        for (LabelledCalls.Call call : calls) {
            Classification answer = classifier.apply(call);
            if (answer.leftToDispatcher()) {
                left++;
                if (call.code() != null) {
                    leftWithAMatter++;
                    mistakes.add("LEFT  %s: %s -> %s".formatted(call.code(), call.text(), answer.explanation()));
                }
                continue;
            }
            classified++;
            if (Objects.equals(answer.code(), call.code())) {
                correct++;
            } else {
                noneClassified += call.code() == null ? 1 : 0;
                mistakes.add("WRONG %s: %s -> %s".formatted(call.code() == null ? "-" : call.code(), call.text(),
                        answer.explanation()));
            }
        }
        return new Figures(calls.size(), classified, correct, left, leftWithAMatter, noneClassified, mistakes);
    }

    @Test
    void heldOutCallsAreClassifiedAccuratelyAndFewAreLeftToADispatcher() {
        Function<LabelledCalls.Call, Classification> classifier = c -> catalog.classify(c.text(), c.address());
        Figures heldOut = measure(LabelledCalls.read(LabelledCalls.HELD_OUT), classifier);
        Figures tuning = measure(LabelledCalls.read(LabelledCalls.TUNING), classifier);
        Figures keywords = measure(LabelledCalls.read(LabelledCalls.HELD_OUT),
                c -> new Classification(longestKeyword(c), 1, 1, List.of()));
        System.out.printf("CLASSIFIER (threshold %.2f)%n  %s%n  %s%n  %s%n  held-out mistakes and calls left with a matter:%n    %s%n",
                catalog.classify("", null).threshold(), heldOut.line("held-out"), tuning.line("tuning  "),
                keywords.line("held-out, longest keyword only (the rule before)"), String.join("\n    ", heldOut.mistakes()));

        assertTrue(heldOut.accuracy() >= 0.93, heldOut.line("held-out"));
        assertTrue(heldOut.leftShare() <= 0.20, heldOut.line("held-out"));
        assertTrue(tuning.accuracy() >= 0.97, tuning.line("tuning"));
        assertTrue(tuning.leftShare() <= 0.12, tuning.line("tuning"));
    }

    @Test
    void everyMatterOfTheCatalogHasLabelledCallsInBothParts() {
        Set<String> codes = catalog.items().stream().map(CatalogItem::code).collect(Collectors.toCollection(TreeSet::new));
        for (String part : List.of(LabelledCalls.TUNING, LabelledCalls.HELD_OUT)) {
            List<LabelledCalls.Call> calls = LabelledCalls.read(part);
            Set<String> labelled = calls.stream().map(LabelledCalls.Call::code).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(codes, labelled, part + ": every matter, and no code outside the catalog");
            assertTrue(calls.stream().anyMatch(c -> c.code() == null), part + ": calls that no matter fits");
        }
        assertTrue(LabelledCalls.read(LabelledCalls.TUNING).size() + LabelledCalls.read(LabelledCalls.HELD_OUT).size() >= 450);
    }
}
