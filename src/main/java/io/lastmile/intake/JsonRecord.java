package io.lastmile.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.StorableText;

import java.io.IOException;
import java.util.Optional;

/** A JSON record from a source, read with errors that name the field as the source spells it. */
final class JsonRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private JsonRecord(JsonNode root) {
        this.root = root;
    }

    /** Reads the bytes (UTF-8, as the JSON sources send it); anything unreadable is MALFORMED. */
    static JsonRecord parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw IntakeRejected.malformed("请求体为空 (empty body)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw IntakeRejected.malformed("不是有效的 JSON (not valid JSON: " + e.getOriginalMessage() + where + ")");
        } catch (IOException e) {
            throw IntakeRejected.malformed("不是有效的 JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw IntakeRejected.malformed("JSON 顶层须为对象 (the record must be a JSON object)");
        }
        // Any text of the record may end up in the database or the index, not only the fields read below.
        StorableText.firstRefusal(root).ifPresent(refused -> {
            throw IntakeRejected.invalid(refused.field(), refused.reason());
        });
        return new JsonRecord(root);
    }

    /** The node at a dotted path ({@code consumer.mobile}); missing or null both give empty. */
    Optional<JsonNode> node(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    String requiredText(String path, int maxLength) {
        return optionalText(path, maxLength)
                .orElseThrow(() -> IntakeRejected.invalid(path, "必填 (required)"));
    }

    Optional<String> optionalText(String path, int maxLength) {
        Optional<JsonNode> node = node(path);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isTextual()) {
            throw IntakeRejected.invalid(path, "须为字符串 (must be a string, got " + node.get().getNodeType() + ")");
        }
        String text = node.get().asText().strip();
        StorableText.refusal(text, maxLength).ifPresent(reason -> {
            throw IntakeRejected.invalid(path, reason);
        });
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    Optional<Boolean> optionalBoolean(String path) {
        Optional<JsonNode> node = node(path);
        if (node.isPresent() && !node.get().isBoolean()) {
            throw IntakeRejected.invalid(path, "须为 true 或 false (must be a boolean)");
        }
        return node.map(JsonNode::asBoolean);
    }

    double requiredNumber(String path) {
        JsonNode node = node(path).orElseThrow(() -> IntakeRejected.invalid(path, "必填 (required)"));
        if (!node.isNumber()) {
            throw IntakeRejected.invalid(path, "须为数字 (must be a number)");
        }
        return node.asDouble();
    }

    Optional<Double> optionalNumber(String path) {
        return node(path).isPresent() ? Optional.of(requiredNumber(path)) : Optional.empty();
    }

    long requiredInteger(String path) {
        JsonNode node = node(path).orElseThrow(() -> IntakeRejected.invalid(path, "必填 (required)"));
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw IntakeRejected.invalid(path, "须为整数 (must be a whole number)");
        }
        return node.asLong();
    }
}
