package dev.berth.app.cli;

import dev.berth.compose.interpolation.DotEnv;
import dev.berth.compose.interpolation.DotEnvException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code COMPOSE_*} settings the CLI reads ({@code COMPOSE_PROGRESS}, {@code COMPOSE_REMOVE_ORPHANS},
 * {@code COMPOSE_PROJECT_NAME}, {@code COMPOSE_FILE}…) may come from a {@code .env} file, as in docker
 * compose v2 before it runs a command: the {@code --env-file}s (or {@code COMPOSE_ENV_FILES}), else the
 * {@code .env} of the project directory (else of the first {@code -f} file's directory, else of the working
 * directory); a variable of the process environment wins.
 */
final class ComposeSettings {

    private ComposeSettings() {}

    static Map<String, String> withDotEnv(Map<String, String> process, ProjectOptionsMixin global, ProjectOptionsMixin local,
            Path workingDir) {
        List<Path> envFiles = new ArrayList<>();
        for (ProjectOptionsMixin m : new ProjectOptionsMixin[] {global, local}) {
            if (m != null) {
                envFiles.addAll(m.envFiles);
            }
        }
        if (envFiles.isEmpty() && process.get("COMPOSE_ENV_FILES") != null) {
            for (String f : process.get("COMPOSE_ENV_FILES").split(",")) {
                if (!f.isEmpty()) {
                    envFiles.add(Path.of(f));
                }
            }
        }
        if (envFiles.isEmpty()) {
            envFiles.add(directory(global, local, workingDir).resolve(".env"));
        }
        Map<String, String> out = new LinkedHashMap<>(process);
        for (Path f : envFiles) {
            Path file = workingDir.resolve(f);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                Map<String, String> values = DotEnv.parse(Files.readString(file), process::get);
                values.forEach((k, v) -> {
                    if (k.startsWith("COMPOSE_") && !process.containsKey(k)) {
                        out.put(k, v);
                    }
                });
            } catch (IOException | DotEnvException e) {
                // The loader reports a broken env file with its position; here it only adds nothing.
            }
        }
        return out;
    }

    private static Path directory(ProjectOptionsMixin global, ProjectOptionsMixin local, Path workingDir) {
        for (ProjectOptionsMixin m : new ProjectOptionsMixin[] {local, global}) {
            if (m != null && m.projectDirectory != null) {
                return workingDir.resolve(m.projectDirectory);
            }
        }
        for (ProjectOptionsMixin m : new ProjectOptionsMixin[] {global, local}) {
            if (m != null) {
                for (Path f : m.files) {
                    if (!f.toString().equals("-")) {
                        Path parent = workingDir.resolve(f).toAbsolutePath().normalize().getParent();
                        return parent == null ? workingDir : parent;
                    }
                }
            }
        }
        return workingDir;
    }

    /** A boolean setting as Go's strconv.ParseBool reads it; false when unset or not a boolean. */
    static boolean flag(Map<String, String> environment, String name) {
        String v = environment.get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true"));
    }
}
