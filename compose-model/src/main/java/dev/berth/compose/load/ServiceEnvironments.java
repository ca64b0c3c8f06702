package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads each enabled service's {@code env_file}s into its {@code environment}, as compose-go does once
 * the project is merged and its profiles applied: files in order (a later one wins), the explicit
 * {@code environment} of all files over them, {@code ${X}} inside a file looked up in the project
 * environment first and then in the service's explicit environment. Services switched off by profiles
 * are not read, so their missing env files are no error.
 */
final class ServiceEnvironments {

    private final Diagnostics diagnostics;
    private final SourceFiles sources;

    ServiceEnvironments(Diagnostics diagnostics, SourceFiles sources) {
        this.diagnostics = diagnostics;
        this.sources = sources;
    }

    void resolve(MapNode services, Map<String, String> projectEnv) {
        if (services == null) {
            return;
        }
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service) {
                service(service, projectEnv);
            }
        }
    }

    /**
     * {@code label_file}s under the explicit {@code labels} (compose-go's WithServicesLabelsResolved): read
     * in order, a later file winning, {@code ${X}} looked up in the labels read so far; a missing file is
     * an error at the line naming it.
     */
    private void labelFiles(MapNode service) {
        ListNode files = service.getList("label_file");
        if (files == null || files.size() == 0) {
            return;
        }
        MapNode explicit = service.getMap("labels");
        MapNode labels = new MapNode(explicit != null ? explicit.location() : files.location());
        Map<String, String> read = new LinkedHashMap<>();
        for (Node n : files.items()) {
            if (!(n instanceof ScalarNode s) || s.isNull()) {
                continue;
            }
            Path file = Path.of(s.asString());
            if (!sources.isRegularFile(file)) {
                diagnostics.error("label-file-missing", "", s.location(), "label file " + file + " not found");
                continue;
            }
            Map<String, String> values = EnvironmentFiles.read(file, null, s.location(), read::get, diagnostics, sources);
            for (Map.Entry<String, String> v : values.entrySet()) {
                read.put(v.getKey(), v.getValue());
                labels.remove(v.getKey());
                labels.put(v.getKey(), ScalarNode.of(s.location(), v.getValue()), s.location());
            }
        }
        if (explicit != null) {
            for (Map.Entry<String, Node> v : explicit.entries()) {
                labels.remove(v.getKey());
                labels.put(v.getKey(), v.getValue(), explicit.keyLocation(v.getKey()));
            }
            service.replace("labels", labels);
        } else {
            service.put("labels", labels, files.location());
        }
    }

    private void service(MapNode service, Map<String, String> projectEnv) {
        labelFiles(service);
        ListNode envFiles = service.getList("env_file");
        if (envFiles == null || envFiles.size() == 0) {
            return;
        }
        MapNode explicit = service.getMap("environment");
        MapNode resolved = new MapNode(explicit != null ? explicit.location() : envFiles.location());
        for (Node n : envFiles.items()) {
            if (!(n instanceof MapNode f) || f.getString("path") == null) {
                continue;
            }
            Path file = Path.of(f.getString("path"));
            boolean required = !(f.get("required") instanceof ScalarNode r && Boolean.FALSE.equals(r.value()));
            if (!sources.isRegularFile(file)) {
                if (required) {
                    diagnostics.error("env-file-missing", "", f.location(), "env file " + file + " not found");
                }
                continue;
            }
            Map<String, String> values = EnvironmentFiles.read(file, f.getString("format"), f.location(), name -> {
                String v = projectEnv.get(name);
                if (v == null && explicit != null && explicit.get(name) instanceof ScalarNode s && !s.isNull()) {
                    v = s.asString();
                }
                return v;
            }, diagnostics, sources);
            for (Map.Entry<String, String> v : values.entrySet()) {
                resolved.remove(v.getKey());
                resolved.put(v.getKey(), ScalarNode.of(f.location(), v.getValue()), f.location());
            }
        }
        if (explicit != null) {
            for (Map.Entry<String, Node> v : explicit.entries()) {
                Node value = v.getValue();
                if ((value == null || value instanceof ScalarNode s && s.isNull()) && resolved.has(v.getKey())) {
                    continue; // declared without a value: the env file's value stays
                }
                resolved.remove(v.getKey());
                resolved.put(v.getKey(), value, explicit.keyLocation(v.getKey()));
            }
        }
        if (explicit != null) {
            service.replace("environment", resolved);
        } else {
            service.put("environment", resolved, envFiles.location());
        }
    }
}
