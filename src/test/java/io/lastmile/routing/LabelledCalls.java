package io.lastmile.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The labelled calls of {@code src/test/resources/classifier/}: expected code ({@code -}: none fits), address, text. */
final class LabelledCalls {

    static final String TUNING = "/classifier/tuning.tsv";
    static final String HELD_OUT = "/classifier/held-out.tsv";

    /** @param code the expected catalog code, or null when the call should be left to a dispatcher */
    record Call(String code, String address, String text) {
    }

    static List<Call> read(String resource) {
        try (InputStream in = LabelledCalls.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> {
                        String[] fields = line.split("\t", -1);
                        if (fields.length != 3) {
                            throw new IllegalArgumentException(resource + ": three tab-separated fields expected in " + line);
                        }
                        return new Call("-".equals(fields[0]) ? null : fields[0], fields[1], fields[2]);
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LabelledCalls() {
    }
}
