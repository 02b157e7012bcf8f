package io.lastmile.routing;

import io.lastmile.classify.LearnedGrams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learned character pairs the service ships are what the tuning calls give, and only those:
 * the held-out calls are never read here. After a change to the tuning calls or to the learning,
 * rebuild the file with {@code ./mvnw test -Dtest=CatalogLearnedGramsTest -Dlastmile.classifier.relearn=true}.
 */
class CatalogLearnedGramsTest {

    private static final Path BUNDLED = Path.of("src/main/resources" + LearnedGrams.BUNDLED);
    private static final String HEADER = """
            Character pairs that speak for each matter, learned from src/test/resources/classifier/tuning.tsv
            only (never from held-out.tsv) by LearnedGrams.learn: code, pair, weight (log of how much more often
            the matter's calls hold the pair than other matters' calls). Generated: rebuild with
            ./mvnw test -Dtest=CatalogLearnedGramsTest -Dlastmile.classifier.relearn=true""";

    @Test
    void bundledGramsAreLearnedFromTheTuningCallsAlone() throws IOException {
        List<String> places = BundledRouting.snapshot().tree().all().stream().map(Jurisdiction::name).toList();
        List<LearnedGrams.LabelledCall> tuning = LabelledCalls.read(LabelledCalls.TUNING).stream()
                .map(c -> new LearnedGrams.LabelledCall(c.code(), c.text() + " " + c.address())).toList();
        String learned = LearnedGrams.learn(tuning, places).write(HEADER);
        if (Boolean.getBoolean("lastmile.classifier.relearn")) {
            Files.writeString(BUNDLED, learned, StandardCharsets.UTF_8);
        }
        assertEquals(learned, Files.readString(BUNDLED, StandardCharsets.UTF_8),
                "the bundled file is out of date: rebuild it with -Dlastmile.classifier.relearn=true");
        assertTrue(LearnedGrams.bundled().matters().size() >= 20, "grams for most matters");
    }
}
