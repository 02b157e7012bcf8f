package io.lastmile.classify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatterClassifierTest {

    private static final List<MatterClassifier.Matter> MATTERS = List.of(
            new MatterClassifier.Matter("TREE", Map.of("倒树", 3.0, "大树", 2.0, "树", 1.0)),
            new MatterClassifier.Matter("DOG", Map.of("流浪狗", 3.0, "犬", 1.0)),
            new MatterClassifier.Matter("POWER", Map.of("停电", 3.0, "电线", 3.0)),
            new MatterClassifier.Matter("ROAD", Map.of("道路", 1.5, "路面", 2.0)));

    private static MatterClassifier classifier(List<MatterClassifier.Matter> matters, LearnedGrams grams) {
        return new MatterClassifier(matters, grams, List.of("修山镇", "花桥港村"), 0.5);
    }

    private final MatterClassifier classifier = classifier(MATTERS, LearnedGrams.none());

    @Test
    void aStrongWordDecidesAndTheAnswerNamesIt() {
        Classification answer = classifier.classify("花桥港村村口有倒树，一棵大树挡住了道路");
        assertEquals("TREE", answer.code());
        assertTrue(answer.confidence() >= 0.5 && answer.confidence() <= 1, answer.explanation());
        Classification.Candidate best = answer.candidates().get(0);
        assertEquals(List.of("倒树", "大树"), best.evidence().stream().map(Classification.Evidence::text).sorted().toList(),
                "树 stands only inside the two longer words, so it adds nothing");
        assertTrue(answer.explanation().startsWith("TREE 1.00 [") && answer.explanation().contains("大树 2.00"),
                answer.explanation());
        assertEquals("ROAD", answer.candidates().get(1).code(), "the runner-up and its words are shown too");
    }

    @Test
    void aWordInsideALongerWordThatWasFoundDoesNotCount() {
        MatterClassifier withBites = classifier(List.of(MATTERS.get(1),
                new MatterClassifier.Matter("BITES", Map.of("犬只伤人", 3.0))), LearnedGrams.none());
        Classification answer = withBites.classify("修山镇花桥港村有犬只伤人，请派人处理");
        assertEquals("BITES", answer.code());
        assertEquals(1, answer.candidates().size(), "犬 inside 犬只伤人 is no evidence for DOG: " + answer.explanation());
    }

    @Test
    void placesPhoneNumbersAndStockPhrasesAreNoEvidence() {
        MatterClassifier placeWord = classifier(List.of(new MatterClassifier.Matter("PORT", Map.of("港", 3.0)),
                new MatterClassifier.Matter("CALL", Map.of("来电", 3.0))), LearnedGrams.none());
        Classification answer = placeWord.classify("来电人反映：修山镇花桥港村，电话13907371234，2026-11-22 09:14");
        assertTrue(answer.leftToDispatcher());
        assertTrue(answer.candidates().isEmpty(), answer.explanation());
        assertEquals(0, answer.confidence());
    }

    @Test
    void twoMattersWithTheSameEvidenceLeaveTheCallToADispatcher() {
        Classification answer = classifier.classify("停电了，村口还倒树了");
        assertTrue(answer.leftToDispatcher(), answer.explanation());
        assertEquals(0.5, answer.candidates().get(0).confidence() / (answer.candidates().get(0).confidence()
                + answer.candidates().get(1).confidence()), 1e-9);
        assertTrue(answer.explanation().startsWith("left to a dispatcher"), answer.explanation());
    }

    @Test
    void oneWeakWordIsNotEnough() {
        Classification answer = classifier.classify("门口有一棵树");
        assertNull(answer.code(), answer.explanation());
        assertEquals("TREE", answer.candidates().get(0).code());
    }

    @Test
    void learnedPairsAddEvidenceAndAMatterWithoutAnyStillWorksByItsWords() {
        LearnedGrams grams = LearnedGrams.learn(List.of(
                new LearnedGrams.LabelledCall("TREE", "树倒了挡路"), new LearnedGrams.LabelledCall("TREE", "大树倒了"),
                new LearnedGrams.LabelledCall("POWER", "没电了"), new LearnedGrams.LabelledCall("POWER", "又没电了"),
                new LearnedGrams.LabelledCall(null, "倒了一杯水")), List.of());
        assertTrue(grams.of("TREE").containsKey("倒了"), grams.of("TREE").toString());
        assertTrue(grams.of("POWER").containsKey("没电"));
        assertFalse(grams.of("TREE").containsKey("挡路"), "a pair of one call only is not learned");
        assertTrue(grams.of("DOG").isEmpty());

        MatterClassifier learned = classifier(MATTERS, grams);
        Classification tree = learned.classify("大树倒了");
        assertTrue(tree.candidates().get(0).evidence().stream().anyMatch(e -> e.kind().equals(Classification.Evidence.GRAM)
                && e.text().equals("倒了")), tree.explanation());
        assertEquals("DOG", learned.classify("小区里好多流浪狗").code(), "nothing learned for DOG: its words decide");

        assertEquals(grams.write("h").lines().skip(1).toList(), LearnedGrams.read(grams.write("h")).write("x").lines().skip(1).toList(),
                "what is written reads back the same");
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        try {
            new MatterClassifier(MATTERS, LearnedGrams.none(), List.of(), 1.5);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("a threshold of 1.5 was accepted");
    }
}
