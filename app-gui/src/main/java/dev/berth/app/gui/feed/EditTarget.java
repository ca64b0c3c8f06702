package dev.berth.app.gui.feed;

import dev.berth.app.workspace.ProjectInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Project › Edit compose files opens for a project: the files it was opened or started from, or a
 * sentence saying why there are none to open. Never a guessed path: saving one would create a stray file.
 */
public sealed interface EditTarget {

    /** The project's own files, as the editor should load them. */
    record Found(ProjectInvocation invocation) implements EditTarget {}

    /** Why the files cannot be opened, for the user. */
    record Unavailable(String reason) implements EditTarget {}

    /**
     * A project known only from the engine: its files from the {@code com.docker.compose.project.config_files}
     * label (relative names resolved against the {@code working_dir} label, as docker-compose v1 wrote them),
     * provided every one of them is readable here. Reads the file system: call it off the UI thread.
     */
    static EditTarget fromLabels(String project, List<String> configFiles, String workingDir) {
        String open = " To edit it, open its compose file with File › Open.";
        if (configFiles.isEmpty()) {
            return new Unavailable(project + " was started by a tool that did not record its compose files"
                    + " (its containers have no com.docker.compose.project.config_files label)." + open);
        }
        Path dir = workingDir == null || workingDir.isBlank() ? null : Path.of(workingDir);
        List<Path> files = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (String name : configFiles) {
            Path file = Path.of(name);
            if (!file.isAbsolute() && dir != null) {
                file = dir.resolve(file);
            }
            file = file.toAbsolutePath().normalize();
            files.add(file);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            return new Unavailable(project + " was started from " + join(files) + ", but " + (missing.size() == 1 ? "" : "these files: ")
                    + join(missing) + (missing.size() == 1 ? " is" : " are") + " not readable on this machine"
                    + " (moved or deleted since, or the engine runs elsewhere)." + open);
        }
        return new Found(new ProjectInvocation(files, List.of(), List.of(), dir == null ? files.getFirst().getParent() : dir, project));
    }

    private static String join(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
