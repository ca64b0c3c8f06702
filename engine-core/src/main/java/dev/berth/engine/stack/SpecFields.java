package dev.berth.engine.stack;

import dev.berth.engine.api.EngineJson;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A service spec flattened to sorted dotted paths ({@code TaskTemplate.ContainerSpec.Env[0]} → {@code "A=1"}),
 * the form a re-deploy compares. Left out: the ids of secrets and configs (they change when an object is
 * re-created, the name is what the file says), the record label itself, and the image's digest (pinned at
 * deploy time; the file names the image without it).
 */
public final class SpecFields {

    static final String IMAGE = "TaskTemplate.ContainerSpec.Image";

    private SpecFields() {}

    /** The fields of a spec Berth is about to send (plain maps). */
    public static SortedMap<String, String> of(Map<String, Object> spec) {
        JsonNode tree = EngineJson.MAPPER.valueToTree(spec);
        return of(tree);
    }

    /** The fields of a spec as JSON (the engine's, or one Berth built). */
    public static SortedMap<String, String> of(JsonNode spec) {
        SortedMap<String, String> fields = new TreeMap<>();
        flatten("", spec, fields);
        String image = fields.get(IMAGE);
        if (image != null && image.contains("@sha256:")) {
            fields.put(IMAGE, image.substring(0, image.indexOf("@sha256:")));
        }
        return Collections.unmodifiableSortedMap(fields);
    }

    /** The fields Berth recorded on a service it deployed, or null when it carries none (deployed by another tool). */
    public static SortedMap<String, String> recorded(Map<String, String> labels) {
        String json = labels.get(StackLabels.SPEC_FIELDS);
        if (json == null) {
            return null;
        }
        SortedMap<String, String> fields = new TreeMap<>();
        EngineJson.MAPPER.readTree(json).properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        return fields;
    }

    /** The JSON Berth stores in {@link StackLabels#SPEC_FIELDS}. */
    public static String toLabel(SortedMap<String, String> fields) {
        return EngineJson.MAPPER.writeValueAsString(fields);
    }

    private static void flatten(String path, JsonNode node, SortedMap<String, String> into) {
        if (node.isObject()) {
            if (node.isEmpty() && !path.isEmpty()) {
                into.put(path, "{}");
            }
            node.properties().forEach(e -> {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!excluded(child, e.getKey())) {
                    flatten(child, e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                into.put(path, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.put(path, node.isString() ? node.asString() : node.toString());
        }
    }

    private static boolean excluded(String path, String key) {
        return key.equals("SecretID") || key.equals("ConfigID") || path.equals("Labels." + StackLabels.SPEC_FIELDS);
    }
}
