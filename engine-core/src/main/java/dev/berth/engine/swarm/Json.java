package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Null-tolerant reading of the engine's swarm documents (absent and JSON null both read as null). */
final class Json {

    private Json() {}

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    static String text(JsonNode node) {
        return absent(node) ? null : node.asString();
    }

    static long number(JsonNode node) {
        return absent(node) ? 0 : node.asLong();
    }

    static Map<String, String> labels(JsonNode node) {
        if (absent(node) || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            labels.put(entry.getKey(), entry.getValue().asString());
        }
        return Collections.unmodifiableMap(labels);
    }

    /** A spec tree as plain ordered maps and lists, to be changed and sent back. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(JsonNode node) {
        return EngineJson.MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
