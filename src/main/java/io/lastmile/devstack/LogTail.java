package io.lastmile.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a server's log, quoted in an error so that the cause is seen at once. */
final class LogTail {

    static String of(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "  (no log written)";
            }
            // Decoded leniently: a server may log bytes that are not UTF-8.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return "  | " + String.join("\n  | ", tail);
        } catch (IOException e) {
            return "  (log unreadable: " + e.getMessage() + ")";
        }
    }

    private LogTail() {
    }
}
