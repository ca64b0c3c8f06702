package dev.berth.compose.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Compose schema allows at a place in a document, for an editor's completion: the keys a
 * mapping may hold (with the schema's descriptions) and the values a scalar may take. A path is the
 * list of keys from the root ({@code [services, web, healthcheck]}); list items are written {@code -}.
 * Follows {@code $ref}, {@code oneOf}/{@code anyOf}/{@code allOf} (the union of the branches) and the
 * name patterns of {@code patternProperties} (so any service name leads to the service definition).
 */
public final class SchemaCatalog {

    /** A key a mapping may hold. */
    public record Key(String name, String description) {}

    /**
     * Values the schema leaves as free strings but names in its descriptions; completion offers them
     * too (the loader and engine accept exactly these).
     */
    private static final Map<String, List<String>> KNOWN_VALUES = Map.of(
            "restart", List.of("no", "always", "on-failure", "unless-stopped"),
            "pull_policy", List.of("always", "never", "missing", "build", "if_not_present", "daily", "weekly"),
            "network_mode", List.of("bridge", "host", "none"),
            "ipc", List.of("host", "shareable", "private", "none"));

    private static volatile SchemaCatalog shared;

    private final JsonNode root;

    private SchemaCatalog(JsonNode root) {
        this.root = root;
    }

    /** The catalog of the embedded Compose Specification schema (parsed once). */
    public static SchemaCatalog shared() {
        SchemaCatalog c = shared;
        if (c == null) {
            synchronized (SchemaCatalog.class) {
                c = shared;
                if (c == null) {
                    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(SchemaValidator.SCHEMA_RESOURCE)) {
                        c = new SchemaCatalog(JsonMapper.shared().readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    shared = c;
                }
            }
        }
        return c;
    }

    /** The keys a mapping at {@code path} may hold, in schema order; empty when it is not a mapping of known keys. */
    public List<Key> keysAt(List<String> path) {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (JsonNode node : nodesAt(path)) {
            collectKeys(node, keys, 0);
        }
        return List.copyOf(keys.values());
    }

    /** The values a scalar at {@code path} may take (schema enums and well-known values), in order. */
    public List<String> valuesAt(List<String> path) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode node : nodesAt(path)) {
            collectEnums(node, values, 0);
        }
        if (!path.isEmpty() && path.size() >= 3 && "services".equals(path.get(0))) {
            List<String> known = KNOWN_VALUES.get(path.get(path.size() - 1));
            if (known != null && path.size() == 3) {
                values.addAll(known);
            }
        }
        return List.copyOf(values);
    }

    /** The description of the value at {@code path}, or null. */
    public String descriptionAt(List<String> path) {
        for (JsonNode node : nodesAt(path)) {
            JsonNode d = node.get("description");
            if (d != null && d.isString()) {
                return d.asString();
            }
        }
        return null;
    }

    /** Every schema node that may describe the value at {@code path} (several when branches differ). */
    private List<JsonNode> nodesAt(List<String> path) {
        List<JsonNode> current = List.of(root);
        for (String segment : path) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                step(node, segment, next, 0);
            }
            if (next.isEmpty()) {
                return List.of();
            }
            current = next;
        }
        return current;
    }

    private void step(JsonNode node, String segment, List<JsonNode> into, int depth) {
        if (node == null || depth > 16) {
            return;
        }
        JsonNode resolved = resolve(node);
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            JsonNode branches = resolved.get(combinator);
            if (branches != null && branches.isArray()) {
                branches.forEach(branch -> step(branch, segment, into, depth + 1));
            }
        }
        if ("-".equals(segment)) {
            JsonNode items = resolved.get("items");
            if (items != null) {
                into.add(resolve(items));
            }
            return;
        }
        JsonNode properties = resolved.get("properties");
        if (properties != null && properties.get(segment) != null) {
            into.add(resolve(properties.get(segment)));
            return;
        }
        JsonNode patterns = resolved.get("patternProperties");
        if (patterns != null) {
            for (String pattern : patterns.propertyNames()) {
                if (!pattern.equals("^x-") && Pattern.compile(pattern).matcher(segment).find()) {
                    into.add(resolve(patterns.get(pattern)));
                    return;
                }
            }
        }
    }

    private void collectKeys(JsonNode node, Map<String, Key> keys, int depth) {
        if (depth > 16) {
            return;
        }
        JsonNode resolved = resolve(node);
        JsonNode properties = resolved.get("properties");
        if (properties != null) {
            for (String name : properties.propertyNames()) {
                JsonNode description = resolve(properties.get(name)).get("description");
                JsonNode own = properties.get(name).get("description");
                String text = own != null ? own.asString() : description != null ? description.asString() : "";
                keys.putIfAbsent(name, new Key(name, text));
            }
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            JsonNode branches = resolved.get(combinator);
            if (branches != null && branches.isArray()) {
                branches.forEach(branch -> collectKeys(branch, keys, depth + 1));
            }
        }
    }

    private void collectEnums(JsonNode node, Set<String> values, int depth) {
        if (depth > 16) {
            return;
        }
        JsonNode resolved = resolve(node);
        JsonNode enums = resolved.get("enum");
        if (enums != null && enums.isArray()) {
            enums.forEach(v -> values.add(v.asString()));
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            JsonNode branches = resolved.get(combinator);
            if (branches != null && branches.isArray()) {
                branches.forEach(branch -> collectEnums(branch, values, depth + 1));
            }
        }
    }

    /** Follows local {@code $ref}s ({@code #/$defs/...}). */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 8 && current != null && current.get("$ref") != null; i++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                break;
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target == null ? null : target.get(part);
            }
            if (target == null) {
                break;
            }
            current = target;
        }
        return current;
    }
}
