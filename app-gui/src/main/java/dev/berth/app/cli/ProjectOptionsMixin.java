package dev.berth.app.cli;

import dev.berth.compose.ProjectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The global project flags of docker compose ({@code -f}, {@code -p}, {@code --profile},
 * {@code --env-file}, {@code --project-directory}). {@link BerthCli} holds one for flags written before
 * the subcommand, and each project command holds one for flags written after it;
 * {@link #toOptions} combines both (files, profiles and env files add up; a name or directory given
 * after the subcommand wins). The process environment and stdin are read here, at the edge, and
 * handed to the library.
 */
public final class ProjectOptionsMixin {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Compose configuration file (repeatable; - reads stdin).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name.")
    String projectName;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile to enable (repeatable).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Alternate environment file (repeatable; later wins).")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--project-directory", paramLabel = "DIR", description = "Alternate working directory (default: the directory of the first file).")
    Path projectDirectory;

    /** Options for the loader: {@code global} holds the flags written before the subcommand. */
    public ProjectOptions toOptions(ProjectOptionsMixin global, Map<String, String> environment, Path workingDir, InputStream stdin) {
        List<Path> allFiles = new ArrayList<>(global == null ? List.of() : global.files);
        allFiles.addAll(files);
        List<String> allProfiles = new ArrayList<>(global == null ? List.of() : global.profiles);
        allProfiles.addAll(profiles);
        List<Path> allEnvFiles = new ArrayList<>(global == null ? List.of() : global.envFiles);
        allEnvFiles.addAll(envFiles);
        String name = projectName != null ? projectName : global == null ? null : global.projectName;
        Path directory = projectDirectory != null ? projectDirectory : global == null ? null : global.projectDirectory;
        ProjectOptions options = ProjectOptions.in(workingDir)
                .withComposeFiles(allFiles)
                .withProjectName(name)
                .withProfiles(allProfiles)
                .withEnvFiles(allEnvFiles)
                .withProjectDirectory(directory)
                .withEnvironment(environment);
        if (allFiles.contains(Path.of("-"))) {
            options = options.withStdinContent(readAll(stdin));
        }
        return options;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
