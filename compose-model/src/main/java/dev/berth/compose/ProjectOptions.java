package dev.berth.compose;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a load depends on, given from outside: the library never reads {@code System.getenv} or
 * the current directory itself, so the same options always give the same project.
 *
 * @param composeFiles     {@code -f} files in order; empty means "use COMPOSE_FILE, else discover"; a
 *                         path named {@code -} reads {@code stdinContent}
 * @param stdinContent     the text of {@code -f -}, or null
 * @param projectDirectory {@code --project-directory}, or null for "the directory of the first file"
 * @param projectName      {@code -p}, or null
 * @param envFiles         {@code --env-file}s in order (later wins); empty means "{@code .env} of the project directory"
 * @param profiles         {@code --profile}s; empty means "COMPOSE_PROFILES"; {@code *} enables all
 * @param environment      the process environment
 * @param interpolate      false for {@code --no-interpolate}
 * @param workingDir       the directory relative paths given on the command line are resolved against
 * @param validateSchema   false skips the JSON-schema check (like compose-go's SkipValidation)
 * @param checkConsistency false skips the cross-reference checks (like compose-go's SkipConsistencyCheck);
 *                         an editor showing a half-written file may want that
 */
public record ProjectOptions(
        List<Path> composeFiles,
        String stdinContent,
        Path projectDirectory,
        String projectName,
        List<Path> envFiles,
        List<String> profiles,
        Map<String, String> environment,
        boolean interpolate,
        Path workingDir,
        boolean validateSchema,
        boolean checkConsistency) {

    /** The default file names, in the order docker compose looks for them. */
    public static final List<String> DEFAULT_FILE_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    public ProjectOptions {
        composeFiles = List.copyOf(composeFiles);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
    }

    /** Options for {@code workingDir} with nothing else set: discovery, interpolation on, empty environment. */
    public static ProjectOptions in(Path workingDir) {
        return new ProjectOptions(List.of(), null, null, null, List.of(), List.of(), Map.of(), true, workingDir, true, true);
    }

    /** Options that load exactly these files, from the directory of the first one. */
    public static ProjectOptions ofFiles(Path... files) {
        List<Path> absolute = Arrays.stream(files).map(f -> f.toAbsolutePath().normalize()).toList();
        return in(absolute.get(0).getParent()).withComposeFiles(absolute);
    }

    public ProjectOptions withComposeFiles(List<Path> files) {
        return new ProjectOptions(files, stdinContent, projectDirectory, projectName, envFiles, profiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withStdinContent(String content) {
        return new ProjectOptions(composeFiles, content, projectDirectory, projectName, envFiles, profiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withProjectDirectory(Path directory) {
        return new ProjectOptions(composeFiles, stdinContent, directory, projectName, envFiles, profiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withProjectName(String name) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, name, envFiles, profiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withEnvFiles(List<Path> files) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, files, profiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withProfiles(List<String> newProfiles) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, newProfiles, environment, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withEnvironment(Map<String, String> env) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, profiles, env, interpolate, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withInterpolate(boolean on) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, profiles, environment, on, workingDir, validateSchema, checkConsistency);
    }

    public ProjectOptions withWorkingDir(Path dir) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, profiles, environment, interpolate, dir, validateSchema, checkConsistency);
    }

    public ProjectOptions withSchemaValidation(boolean on) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, profiles, environment, interpolate, workingDir, on, checkConsistency);
    }

    public ProjectOptions withConsistencyChecks(boolean on) {
        return new ProjectOptions(composeFiles, stdinContent, projectDirectory, projectName, envFiles, profiles, environment, interpolate, workingDir, validateSchema, on);
    }

    /**
     * Default discovery as docker compose does it: the first of {@link #DEFAULT_FILE_NAMES} found in
     * {@code directory} or its parents, plus its {@code .override} sibling when there is one. Empty
     * when none is found.
     */
    public static List<Path> discoverComposeFiles(Path directory) {
        for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            for (String name : DEFAULT_FILE_NAMES) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    List<Path> found = new ArrayList<>();
                    found.add(candidate);
                    int dot = name.lastIndexOf('.');
                    Path override = dir.resolve(name.substring(0, dot) + ".override" + name.substring(dot));
                    if (Files.isRegularFile(override)) {
                        found.add(override);
                    }
                    return found;
                }
            }
        }
        return List.of();
    }

    /** Splits a {@code COMPOSE_FILE} value by {@code COMPOSE_PATH_SEPARATOR} (default the platform separator). */
    public static List<Path> splitComposeFileVariable(String value, String separator, Path base) {
        String sep = separator == null || separator.isEmpty() ? File.pathSeparator : separator;
        List<Path> files = new ArrayList<>();
        for (String part : value.split(Pattern.quote(sep))) {
            if (!part.isBlank()) {
                files.add(base.resolve(part.strip()).normalize());
            }
        }
        return files;
    }

    /** Splits {@code COMPOSE_PROFILES} (comma separated). */
    public static List<String> splitProfiles(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String p : value.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }
}
