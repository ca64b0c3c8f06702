package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.interpolation.TreeInterpolator;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.validation.SchemaValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phases every document goes through on its own, in this order: interpolate → cast typed fields
 * (so that {@code privileged: ${REQ}} is a boolean when the schema sees it) → schema-validate →
 * canonicalise short syntax → resolve relative paths → resolve service
 * environments (env_file contents, variables declared without a value). Returns false when the
 * document has errors, so later phases never see a tree of the wrong shape.
 */
final class DocumentPhases {

    private final Diagnostics diagnostics;
    private final boolean interpolate;
    private final boolean validateSchema;
    private final SourceFiles sources;

    DocumentPhases(Diagnostics diagnostics, boolean interpolate, boolean validateSchema, SourceFiles sources) {
        this.diagnostics = diagnostics;
        this.sources = sources;
        this.interpolate = interpolate;
        this.validateSchema = validateSchema;
    }

    boolean run(ComposeDocument document) {
        int errorsBefore = diagnostics.errorCount();
        MapNode root = document.root();
        Map<String, String> env = document.environment();
        if (interpolate) {
            new TreeInterpolator(env::get, diagnostics).interpolate(root, "");
            if (diagnostics.errorCount() > errorsBefore) {
                return false;
            }
            if (!TypedFields.cast(root, diagnostics)) {
                return false;
            }
        }
        emptyEntriesAsMappings(root);
        if (validateSchema && !SchemaValidator.shared().validate(root, diagnostics)) {
            return false;
        }
        if (!interpolate) {
            // Without interpolation a ${VAR} may stand where a number belongs: cast what can be, report nothing.
            TypedFields.cast(root, null);
        }
        new Canonicalizer(diagnostics, !interpolate).canonicalize(root);
        new PathResolver(document.baseDir(), env.get("HOME")).resolve(root);
        resolveServiceEnvironments(root, env);
        return diagnostics.errorCount() == errorsBefore;
    }

    /**
     * {@code services: {nil: }} and {@code volumes: {data: }} mean an empty definition, as in
     * docker compose; make them mappings before the schema sees them.
     */
    private static void emptyEntriesAsMappings(MapNode root) {
        for (String section : List.of("services", "networks", "volumes", "secrets", "configs")) {
            MapNode entries = root.getMap(section);
            if (entries == null) {
                continue;
            }
            for (Map.Entry<String, Node> e : entries.entries()) {
                if (e.getValue() == null || e.getValue() instanceof ScalarNode s && s.isNull()
                        && s.mergeTag() == Node.MergeTag.NONE) {
                    e.setValue(new MapNode(entries.keyLocation(e.getKey())));
                }
            }
        }
    }

    /**
     * env_file contents go under the explicit {@code environment} (explicit entries win); a variable
     * declared without a value takes the document environment's value when there is one.
     */
    private void resolveServiceEnvironments(MapNode root, Map<String, String> env) {
        MapNode services = root.getMap("services");
        if (services == null) {
            return;
        }
        for (Map.Entry<String, Node> e : services.entries()) {
            if (!(e.getValue() instanceof MapNode service)) {
                continue;
            }
            ListNode envFiles = service.getList("env_file");
            MapNode explicit = service.getMap("environment");
            if (envFiles == null && explicit == null) {
                continue;
            }
            MapNode resolved = new MapNode(explicit != null ? explicit.location() : envFiles.location());
            if (explicit != null) {
                resolved.setMergeTag(explicit.mergeTag());
            }
            if (envFiles != null) {
                for (Node n : envFiles.items()) {
                    if (!(n instanceof MapNode f) || f.getString("path") == null) {
                        continue;
                    }
                    Path file = Path.of(f.getString("path"));
                    boolean required = !(f.get("required") instanceof ScalarNode r && Boolean.FALSE.equals(r.value()));
                    List<Path> one = new ArrayList<>();
                    one.add(file);
                    if (!sources.isRegularFile(file)) {
                        if (required) {
                            diagnostics.error("env-file-missing", "", f.location(), "env file " + file + " not found");
                        }
                        continue;
                    }
                    Map<String, String> values = EnvironmentFiles.read(file, env::get, diagnostics, sources);
                    for (Map.Entry<String, String> v : values.entrySet()) {
                        resolved.put(v.getKey(), ScalarNode.of(f.location(), v.getValue()), f.location());
                    }
                }
            }
            if (explicit != null) {
                for (Map.Entry<String, Node> v : explicit.entries()) {
                    Node value = v.getValue();
                    if (value instanceof ScalarNode s && s.isNull() && s.mergeTag() == Node.MergeTag.NONE) {
                        String fromEnv = env.get(v.getKey());
                        if (fromEnv != null) {
                            value = ScalarNode.of(s.location(), fromEnv);
                        } else if (resolved.has(v.getKey())) {
                            continue;
                        }
                    } else if (value instanceof ScalarNode s && !s.isNull() && !(s.value() instanceof String)) {
                        s.setValue(s.asString());
                    }
                    resolved.remove(v.getKey());
                    resolved.put(v.getKey(), value, explicit.keyLocation(v.getKey()));
                }
            }
            service.replace("environment", resolved);
        }
    }

    static Map<String, String> copy(Map<String, String> env) {
        return new LinkedHashMap<>(env);
    }
}
