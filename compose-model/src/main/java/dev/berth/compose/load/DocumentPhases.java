package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.interpolation.TreeInterpolator;
import dev.berth.compose.merge.OverrideMerger;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.validation.SchemaValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phases every document goes through on its own, in this order (compose-go's loadYamlFile):
 * interpolate → cast typed fields (so that {@code privileged: ${REQ}} is a boolean when the schema
 * sees it; a value that cannot be cast is an error at its position) → one entry per identity in lists
 * (so the schema's uniqueItems never sees a redefined entry) → schema-validate → canonicalise short
 * syntax → one entry per identity again (the long form can reveal duplicates) → resolve relative
 * paths → variables declared without a value in service environments. Returns false when the
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
        // compose-go drops redefined list entries before it validates, so the schema's uniqueItems
        // never sees a repeated port or capability.
        OverrideMerger.enforceUnicity(root);
        if (validateSchema && !SchemaValidator.shared().validate(root, diagnostics)) {
            return false;
        }
        if (!interpolate) {
            // Without interpolation a ${VAR} may stand where a number belongs: cast what can be, report nothing.
            TypedFields.cast(root, null);
        }
        new Canonicalizer(diagnostics, !interpolate).canonicalize(root);
        // Canonical forms can reveal duplicates (a port range against a single port, short against long).
        OverrideMerger.enforceUnicity(root);
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
     * A variable declared without a value takes the document environment's value when there is one (the
     * environment of an included sub-project for its own files). env_file contents are read later, once
     * the files are merged and the profiles known: see {@link ServiceEnvironments}.
     */
    private void resolveServiceEnvironments(MapNode root, Map<String, String> env) {
        MapNode services = root.getMap("services");
        if (services == null) {
            return;
        }
        for (Map.Entry<String, Node> e : services.entries()) {
            if (!(e.getValue() instanceof MapNode service) || service.getMap("environment") == null) {
                continue;
            }
            for (Map.Entry<String, Node> v : service.getMap("environment").entries()) {
                Node value = v.getValue();
                if (value instanceof ScalarNode s && s.isNull() && s.mergeTag() == Node.MergeTag.NONE) {
                    String fromEnv = env.get(v.getKey());
                    if (fromEnv != null) {
                        v.setValue(ScalarNode.of(s.location(), fromEnv));
                    }
                } else if (value instanceof ScalarNode s && !s.isNull() && !(s.value() instanceof String)) {
                    s.setValue(s.asString());
                }
            }
        }
    }

    static Map<String, String> copy(Map<String, String> env) {
        return new LinkedHashMap<>(env);
    }
}
