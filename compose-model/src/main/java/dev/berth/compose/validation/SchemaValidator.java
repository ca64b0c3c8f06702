package dev.berth.compose.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a compose document against the embedded Compose Specification JSON schema (networknt
 * json-schema-validator) and turns each schema error into a {@link Diagnostic} at the
 * {@code file:line:col} of the offending node, worded like docker compose ("services.foo.image must be
 * a string") and with a "did you mean" hint for misspelt keys.
 */
public final class SchemaValidator {

    static final String SCHEMA_RESOURCE = "dev/berth/compose/schema/compose-spec.json";

    private static volatile SchemaValidator shared;

    private final Schema schema;

    private SchemaValidator() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        // Loaded by location, not from a stream: the schema's relative $id breaks the stream form.
        this.schema = registry.getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE));
    }

    /** The validator is thread-safe and costly to build (schema compilation): build it once. */
    public static SchemaValidator shared() {
        SchemaValidator v = shared;
        if (v == null) {
            synchronized (SchemaValidator.class) {
                v = shared;
                if (v == null) {
                    v = new SchemaValidator();
                    shared = v;
                }
            }
        }
        return v;
    }

    /** Validates one document; returns true when it is valid. */
    public boolean validate(MapNode document, Diagnostics diagnostics) {
        List<Error> errors = schema.validate(toJson(document));
        if (errors.isEmpty()) {
            return true;
        }
        List<Diagnostic> found = new ArrayList<>();
        for (Error error : mostSpecific(errors)) {
            found.add(toDiagnostic(error, document));
        }
        found.sort(Comparator.comparingInt((Diagnostic d) -> d.location().line()).thenComparingInt(d -> d.location().column()));
        found.forEach(diagnostics::add);
        return false;
    }

    /**
     * A value that matches no branch of a oneOf yields one error per branch. The one about the deepest
     * node is what the user needs ("environment.FOO must be a string…", not "environment must be a list").
     */
    private static List<Error> mostSpecific(List<Error> errors) {
        List<Error> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt((Error e) -> -e.getInstanceLocation().getNameCount()));
        List<Error> kept = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Error e : sorted) {
            String path = pathOf(e.getInstanceLocation());
            String keyword = e.getKeyword();
            boolean combinator = "oneOf".equals(keyword) || "anyOf".equals(keyword) || "allOf".equals(keyword);
            if (combinator && isPrefixOfAny(path, covered)) {
                continue;
            }
            if (!combinator && covered.contains(path) && isTypeError(e)) {
                continue;
            }
            if (!combinator && isPrefixOfAny(path, covered) && isTypeError(e)) {
                // "environment must be a list" after "environment.FOO must be a string": the other branch.
                continue;
            }
            kept.add(e);
            covered.add(path);
        }
        return kept;
    }

    private static boolean isTypeError(Error e) {
        return "type".equals(e.getKeyword()) || "oneOf".equals(e.getKeyword());
    }

    private static boolean isPrefixOfAny(String path, Set<String> paths) {
        for (String p : paths) {
            if (p.equals(path) || path.isEmpty() || p.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    private Diagnostic toDiagnostic(Error error, MapNode document) {
        NodePath at = error.getInstanceLocation();
        String path = pathOf(at);
        String shown = path.isEmpty() ? "(root)" : TreePath.display(path);
        Node node = nodeAt(document, at);
        Location location = node == null ? document.location() : node.location();
        String keyword = error.getKeyword();
        switch (keyword) {
            case "type": {
                return Diagnostic.error("schema-type", path, location, shown + " must be " + typeList(error.getSchemaNode()));
            }
            case "additionalProperties": {
                String property = error.getProperty();
                if (property == null && error.getArguments() != null && error.getArguments().length > 0) {
                    property = String.valueOf(error.getArguments()[0]);
                }
                if (node instanceof MapNode map && property != null && map.has(property)) {
                    location = map.keyLocation(property);
                }
                Diagnostic d = Diagnostic.error("schema-unknown-key", TreePath.child(path, String.valueOf(property)), location,
                        (path.isEmpty() ? "" : shown + " ") + "additional properties '" + property + "' not allowed");
                String suggestion = property == null ? null : suggest(property, allowedProperties(error));
                return suggestion == null ? d : d.withHint("did you mean '" + suggestion + "'?");
            }
            case "required": {
                String property = error.getProperty();
                if (property == null && error.getArguments() != null && error.getArguments().length > 0) {
                    property = String.valueOf(error.getArguments()[0]);
                }
                return Diagnostic.error("schema-required", path, location, shown + " missing property '" + property + "'");
            }
            case "enum": {
                JsonNode values = error.getSchemaNode();
                List<String> allowed = new ArrayList<>();
                if (values != null && values.isArray()) {
                    values.forEach(v -> allowed.add(v.asString()));
                }
                Diagnostic d = Diagnostic.error("schema-enum", path, location, shown + " must be one of " + String.join(", ", allowed));
                String suggestion = node instanceof ScalarNode s ? suggest(s.asString(), allowed) : null;
                return suggestion == null ? d : d.withHint("did you mean '" + suggestion + "'?");
            }
            case "oneOf": {
                return Diagnostic.error("schema-oneof", path, location, shown + " does not match any of the allowed forms");
            }
            default: {
                String message = error.getMessage();
                String prefix = at.toString();
                if (message != null && message.startsWith(prefix)) {
                    message = message.substring(prefix.length()).strip();
                    if (message.startsWith(":")) {
                        message = message.substring(1).strip();
                    }
                }
                return Diagnostic.error("schema-" + keyword, path, location, shown + " " + message);
            }
        }
    }

    /** "a string", "a boolean, null, number or string", "a mapping" (JSON object), "a list" (array). */
    private static String typeList(JsonNode typeNode) {
        Set<String> names = new TreeSet<>();
        if (typeNode != null && typeNode.isArray()) {
            typeNode.forEach(t -> names.add(typeName(t.asString())));
        } else if (typeNode != null) {
            names.add(typeName(typeNode.asString()));
        }
        List<String> list = new ArrayList<>(names);
        if (list.isEmpty()) {
            return "of another type";
        }
        String joined = list.size() == 1 ? list.get(0)
                : String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
        return ("aeiou".indexOf(joined.charAt(0)) >= 0 ? "an " : "a ") + joined;
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "mapping";
            case "array" -> "list";
            default -> jsonType;
        };
    }

    /** The names a mapping allows, read from the schema object that holds the failing keyword. */
    private List<String> allowedProperties(Error error) {
        SchemaLocation location = error.getSchemaLocation();
        if (location == null || location.getFragment() == null) {
            return List.of();
        }
        NodePath fragment = location.getFragment();
        JsonNode node = schema.getSchemaNode(); // the whole document: this is the root schema
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        if (node == null || node.get("properties") == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        node.get("properties").propertyNames().forEach(names::add);
        return names;
    }

    /** The closest allowed name, when it is close enough to be a likely typo. */
    static String suggest(String given, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = Levenshtein.distance(given.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(1, Math.min(3, given.length() / 3));
        return best != null && bestDistance <= tolerance ? best : null;
    }

    private static String pathOf(NodePath path) {
        String out = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out = element instanceof Integer index ? TreePath.index(out, index) : TreePath.child(out, String.valueOf(element));
        }
        return out;
    }

    private static Node nodeAt(MapNode root, NodePath path) {
        Node node = root;
        for (int i = 0; i < path.getNameCount() && node != null; i++) {
            Object element = path.getElement(i);
            if (node instanceof MapNode map) {
                node = map.get(String.valueOf(element));
            } else if (node instanceof ListNode list && element instanceof Integer index && index < list.size()) {
                node = list.get(index);
            } else {
                return node;
            }
        }
        return node;
    }

    /** The JSON the validator reads. Values tagged {@code !reset} are left out: they only steer merging. */
    static JsonNode toJson(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (node) {
            case MapNode map -> {
                ObjectNode object = f.objectNode();
                for (Map.Entry<String, Node> e : map.entries()) {
                    Node value = e.getValue();
                    if (value != null && value.mergeTag() == Node.MergeTag.RESET) {
                        continue;
                    }
                    object.set(e.getKey(), value == null ? f.nullNode() : toJson(value));
                }
                return object;
            }
            case ListNode list -> {
                ArrayNode array = f.arrayNode(list.size());
                for (Node item : list.items()) {
                    if (item.mergeTag() != Node.MergeTag.RESET) {
                        array.add(toJson(item));
                    }
                }
                return array;
            }
            case ScalarNode scalar -> {
                Object v = scalar.value();
                if (v == null) {
                    return f.nullNode();
                }
                return switch (v) {
                    case String s -> f.textNode(s);
                    case Long l -> f.numberNode(l);
                    case Double d -> f.numberNode(d);
                    case Boolean b -> f.booleanNode(b);
                    default -> f.textNode(String.valueOf(v));
                };
            }
        }
    }
}
