package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.merge.OverrideMerger;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code include}: each entry is loaded as a sub-project (relative paths against its
 * {@code project_directory}, variables from its {@code env_file} under the project environment) and
 * its resources are added to the including document. A resource defined again is merged under the
 * definition already there (compose-go); a file that includes itself, directly or not, is an error.
 */
final class IncludeResolver {

    record Request(List<Path> files, Path projectDirectory, Map<String, String> environment, List<Path> chain) {}

    private static final List<String> SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs", "models");

    private final Diagnostics diagnostics;
    private final Function<Request, MapNode> loader;
    private final SourceFiles sources;

    IncludeResolver(Diagnostics diagnostics, Function<Request, MapNode> loader, SourceFiles sources) {
        this.diagnostics = diagnostics;
        this.sources = sources;
        this.loader = loader;
    }

    boolean apply(ComposeDocument document, List<Path> chain) {
        ListNode include = document.root().getList("include");
        if (include == null) {
            return true;
        }
        Path dir = document.file().toAbsolutePath().getParent();
        for (int i = 0; i < include.size(); i++) {
            if (!(include.get(i) instanceof MapNode entry)) {
                continue;
            }
            String path = TreePath.index("include", i);
            List<Path> files = new ArrayList<>();
            List<Location> namedAt = new ArrayList<>();
            for (ScalarNode p : scalars(entry.get("path"))) {
                files.add(dir.resolve(p.asString()).normalize());
                namedAt.add(p.location());
            }
            if (files.isEmpty()) {
                continue;
            }
            for (int f = 0; f < files.size(); f++) {
                Path file = files.get(f);
                if (chain.contains(file)) {
                    StringBuilder message = new StringBuilder("include cycle detected: ");
                    for (int k = 0; k < chain.size(); k++) {
                        message.append(k == 0 ? "" : " include ").append(chain.get(k));
                    }
                    message.append(" include ").append(file);
                    diagnostics.error("include-cycle", path, entry.location(), message.toString());
                    return false;
                }
                if (!sources.isRegularFile(file)) {
                    // At the line that names the file, not at the include entry.
                    diagnostics.error("include-missing", path, namedAt.get(f), "included file " + file + " not found");
                    return false;
                }
            }
            String projectDirectory = entry.getString("project_directory");
            Path subProjectDir = projectDirectory == null ? files.get(0).getParent() : dir.resolve(projectDirectory).normalize();
            List<Path> envFiles = new ArrayList<>();
            boolean explicitEnvFiles = entry.has("env_file");
            for (ScalarNode e : scalars(entry.get("env_file"))) {
                Path envFile = dir.resolve(e.asString()).normalize();
                if (!sources.isRegularFile(envFile)) {
                    diagnostics.error("env-file-missing", path + ".env_file", e.location(), "env file " + envFile + " not found");
                    return false;
                }
                envFiles.add(envFile);
            }
            if (!explicitEnvFiles) {
                envFiles.add(subProjectDir.resolve(".env"));
            }
            Map<String, String> env = EnvironmentFiles.layered(envFiles, explicitEnvFiles, document.environment(), diagnostics, sources);
            MapNode included = loader.apply(new Request(files, subProjectDir, env, chain));
            if (included == null) {
                return false;
            }
            if (!addResources(document.root(), included, entry)) {
                return false;
            }
        }
        return true;
    }

    private boolean addResources(MapNode root, MapNode included, MapNode entry) {
        for (String section : SECTIONS) {
            MapNode imported = included.getMap(section);
            if (imported == null) {
                continue;
            }
            MapNode target = root.getMap(section);
            if (target == null) {
                target = new MapNode(imported.location());
                root.put(section, target, imported.location());
            }
            for (Map.Entry<String, Node> e : imported.entries()) {
                if (target.has(e.getKey())) {
                    // As compose-go does: a resource defined again (the same file included twice, or the
                    // including file's own definition) is merged, the definition already there winning.
                    target.replace(e.getKey(), OverrideMerger.mergeResource(section, e.getValue(), target.get(e.getKey())));
                    continue;
                }
                target.put(e.getKey(), e.getValue(), imported.keyLocation(e.getKey()));
            }
        }
        return true;
    }

    private static List<ScalarNode> scalars(Node n) {
        List<ScalarNode> out = new ArrayList<>();
        if (n instanceof ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && s.value() != null) {
                    out.add(s);
                }
            }
        } else if (n instanceof ScalarNode s && s.value() != null) {
            out.add(s);
        }
        return out;
    }

    private static List<String> strings(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && s.value() != null) {
                    out.add(s.asString());
                }
            }
        } else if (n instanceof ScalarNode s && s.value() != null) {
            out.add(s.asString());
        }
        return out;
    }
}
