package dev.berth.app.workspace;

import dev.berth.engine.api.EngineJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The projects the user opened, most recent first, kept in a small JSON file (by default
 * {@code ~/.config/berth/recent-projects.json}; the path is injected so tests use a temp dir). Writes are
 * atomic: a crash never leaves a half-written list.
 */
public final class RecentProjects {

    private static final int LIMIT = 15;

    private final Path file;

    public RecentProjects(Path file) {
        this.file = file;
    }

    public static Path defaultFile() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config == null || config.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(config);
        return base.resolve("berth").resolve("recent-projects.json");
    }

    /** The list, most recent first; empty when there is none or it cannot be read. */
    public List<ProjectInvocation> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> entries = EngineJson.MAPPER.readValue(Files.readString(file),
                    new TypeReference<List<Map<String, Object>>>() {});
            List<ProjectInvocation> result = new ArrayList<>();
            for (Map<String, Object> entry : entries) {
                result.add(new ProjectInvocation(paths(entry.get("files")), paths(entry.get("envFiles")),
                        strings(entry.get("profiles")),
                        entry.get("projectDirectory") == null ? null : Path.of((String) entry.get("projectDirectory")),
                        (String) entry.get("projectName")));
            }
            return result;
        } catch (IOException | RuntimeException e) {
            return List.of(); // a damaged list is not worth an error dialog; it is rewritten on the next open
        }
    }

    /** Puts {@code invocation} first (removing an equal older entry) and saves. */
    public List<ProjectInvocation> remember(ProjectInvocation invocation) throws IOException {
        List<ProjectInvocation> list = new ArrayList<>(load());
        list.remove(invocation);
        list.addFirst(invocation);
        while (list.size() > LIMIT) {
            list.removeLast();
        }
        save(list);
        return list;
    }

    private void save(List<ProjectInvocation> list) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ProjectInvocation invocation : list) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("files", invocation.files().stream().map(Path::toString).toList());
            entry.put("envFiles", invocation.envFiles().stream().map(Path::toString).toList());
            entry.put("profiles", invocation.profiles());
            entry.put("projectDirectory", invocation.projectDirectory() == null ? null : invocation.projectDirectory().toString());
            entry.put("projectName", invocation.projectName());
            entries.add(entry);
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "recent", ".json.tmp");
        Files.writeString(temp, EngineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> paths(Object value) {
        return strings(value).stream().map(Path::of).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
