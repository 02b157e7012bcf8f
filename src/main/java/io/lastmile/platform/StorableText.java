package io.lastmile.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of text before it reaches PostgreSQL or the search node: PostgreSQL refuses the NUL
 * character, a lone UTF-16 surrogate is no character at all (the search node refuses it), and a
 * column has a length. Every entry point (request bodies, parameters, source records) asks here,
 * so that such text is a {@code 422} or a dead letter naming the field, never a {@code 500}.
 */
public final class StorableText {

    /** A field whose text cannot be stored, and why, in words the sender can act on. */
    public record Refusal(String field, String reason) {
    }

    /** Why this text cannot be stored, or empty when it can. */
    public static Optional<String> refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("含有空字符 U+0000，无法保存 (contains the NUL character U+0000, which cannot be stored)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("含有不成对的代理码元 U+%04X，不是有效字符 (contains the lone surrogate U+%04X, which is not a character)"
                        .formatted((int) c, (int) c));
            }
        }
        return Optional.empty();
    }

    /** As {@link #refusal(String)}, and also when the text has more characters than its column holds. */
    public static Optional<String> refusal(String text, int maxLength) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of("超过 " + maxLength + " 字 (longer than " + maxLength + " characters)");
        }
        return refusal(text);
    }

    /**
     * The first text in a JSON document (a field name or a string value) that cannot be stored,
     * with its path as {@code consumer.mobile} or {@code photos[2]}.
     */
    public static Optional<Refusal> firstRefusal(JsonNode node) {
        return firstRefusal(node, "");
    }

    private static Optional<Refusal> firstRefusal(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return refusal(node.textValue()).map(reason -> new Refusal(path, reason));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Refusal> found = firstRefusal(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            Optional<Refusal> found = refusal(field.getKey()).map(reason -> new Refusal(fieldPath, reason))
                    .or(() -> firstRefusal(field.getValue(), fieldPath));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The text with every character that cannot be stored replaced by U+FFFD: for what the service
     * must keep although it came in broken (a Kafka key of a record that becomes a dead letter).
     */
    public static String scrub(String text) {
        if (text == null || refusal(text).isEmpty()) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }

    private StorableText() {
    }
}
