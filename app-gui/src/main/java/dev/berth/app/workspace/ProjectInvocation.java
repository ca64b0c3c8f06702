package dev.berth.app.workspace;

import dev.berth.compose.ProjectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a project was opened — its compose files, env files, profiles, project directory and name — so that
 * every later action (up, down, validate, plan) is run exactly as the first one was, like re-running the
 * same {@code docker compose -f … -p …} command line.
 */
public record ProjectInvocation(List<Path> files, List<Path> envFiles, List<String> profiles, Path projectDirectory,
                                String projectName) {

    public ProjectInvocation {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
    }

    /**
     * A project opened from a path: a compose file, or a folder in which the default files are discovered
     * ({@code compose.yaml}, … plus the matching override).
     */
    public static ProjectInvocation ofPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return new ProjectInvocation(ProjectOptions.discoverComposeFiles(absolute), List.of(), List.of(), absolute, null);
        }
        return new ProjectInvocation(List.of(absolute), List.of(), List.of(), absolute.getParent(), null);
    }

    /** The loader options for this invocation, with the given process environment. */
    public ProjectOptions toOptions(Map<String, String> environment) {
        ProjectOptions options = ProjectOptions.in(projectDirectory)
                .withComposeFiles(files)
                .withEnvFiles(envFiles)
                .withProfiles(profiles)
                .withEnvironment(environment);
        if (projectDirectory != null) {
            options = options.withProjectDirectory(projectDirectory);
        }
        return projectName == null ? options : options.withProjectName(projectName);
    }

    /** A short label for lists: the project directory's name and the first file's name. */
    public String label() {
        String folder = projectDirectory == null || projectDirectory.getFileName() == null ? "" : projectDirectory.getFileName().toString();
        return files.isEmpty() ? folder : folder + "/" + files.getFirst().getFileName();
    }
}
