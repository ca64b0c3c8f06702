package dev.berth.compose.load;

import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes the relative paths of one compose document absolute against its base directory: the project
 * directory for the {@code -f} files, the file's own directory for an {@code extends} parent from
 * another file, the {@code project_directory} of an {@code include}. {@code ~} is the injected HOME.
 */
final class PathResolver {

    private final Path base;
    private final String home;

    PathResolver(Path base, String home) {
        this.base = base;
        this.home = home;
    }

    void resolve(MapNode root) {
        MapNode services = root.getMap("services");
        if (services != null) {
            for (Map.Entry<String, Node> e : services.entries()) {
                if (e.getValue() instanceof MapNode service) {
                    service(service);
                }
            }
        }
        MapNode volumes = root.getMap("volumes");
        if (volumes != null) {
            for (Map.Entry<String, Node> e : volumes.entries()) {
                if (e.getValue() instanceof MapNode volume && "local".equals(volume.getString("driver"))
                        && volume.getMap("driver_opts") instanceof MapNode opts && "bind".equals(opts.getString("o"))) {
                    // A local volume that is really a bind mount: its device is a host path.
                    absolutize(opts, "device");
                }
            }
        }
        for (String section : List.of("secrets", "configs")) {
            MapNode resources = root.getMap(section);
            if (resources != null) {
                for (Map.Entry<String, Node> e : resources.entries()) {
                    if (e.getValue() instanceof MapNode resource) {
                        absolutize(resource, "file");
                    }
                }
            }
        }
    }

    private void service(MapNode service) {
        MapNode build = service.getMap("build");
        if (build != null) {
            if (build.get("context") instanceof ScalarNode context && context.value() instanceof String c && !isRemote(c)) {
                context.setValue(absolute(c));
            }
            MapNode additional = build.getMap("additional_contexts");
            if (additional != null) {
                for (Map.Entry<String, Node> e : additional.entries()) {
                    if (e.getValue() instanceof ScalarNode s && s.value() instanceof String c && !isRemote(c) && !c.contains(":")) {
                        s.setValue(absolute(c));
                    }
                }
            }
        }
        listOfPaths(service.getList("env_file"), "path");
        ListNode labelFiles = service.getList("label_file");
        if (labelFiles != null) {
            for (Node n : labelFiles.items()) {
                if (n instanceof ScalarNode s && s.value() instanceof String p) {
                    s.setValue(absolute(p));
                }
            }
        }
        ListNode volumes = service.getList("volumes");
        if (volumes != null) {
            for (Node n : volumes.items()) {
                if (n instanceof MapNode volume && "bind".equals(volume.getString("type"))
                        && volume.get("source") instanceof ScalarNode source && source.value() instanceof String s) {
                    source.setValue(absolute(s));
                }
            }
        }
        MapNode develop = service.getMap("develop");
        if (develop != null) {
            listOfPaths(develop.getList("watch"), "path");
        }
    }

    /**
     * A build without a context builds the project directory: set once the files are merged (the main
     * project's, or an included sub-project's), so that a child that only adds {@code target} keeps the
     * context its {@code extends} parent gave it, as compose-go's defaults after the merge do.
     */
    static void defaultBuildContexts(MapNode root, Path projectDirectory) {
        MapNode services = root.getMap("services");
        if (services == null) {
            return;
        }
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service && service.getMap("build") instanceof MapNode build && !build.has("context")) {
                build.put("context", ScalarNode.of(build.location(), projectDirectory.toString()));
            }
        }
    }

    private void listOfPaths(ListNode list, String key) {
        if (list == null) {
            return;
        }
        for (Node n : list.items()) {
            if (n instanceof MapNode m) {
                absolutize(m, key);
            }
        }
    }

    private void absolutize(MapNode map, String key) {
        if (map.get(key) instanceof ScalarNode s && s.value() instanceof String p) {
            s.setValue(absolute(p));
        }
    }

    String absolute(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            String h = home == null ? "~" : home;
            return Path.of(h + path.substring(1)).normalize().toString();
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.length() >= 2 && path.charAt(1) == ':') {
            return path.length() > 1 && path.startsWith("/") ? Path.of(path).normalize().toString() : path;
        }
        return base.resolve(path).normalize().toString();
    }

    static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }
}
