package dev.berth.compose.conformance;

import dev.berth.compose.ProjectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Berth-owned conformance case ({@code conformance/<topic>/<name>/case.json} in the test resources):
 * the inputs of a {@code docker compose} run and what it prints. Every field but {@code expect} is
 * optional. The expected output sits beside it: {@code config.yaml} / {@code config.json} is the exact
 * text {@code docker compose config} prints, {@code expected.yaml} a part of it (every key written there
 * must have that value). {@code <dir>} stands for the absolute case directory in both.
 *
 * @param source        the peer test the case was translated from
 * @param workingDir    the directory compose runs in (relative to the case); default the case directory
 */
record ConformanceCase(String topic, String name, Path directory, String source, List<Path> composeFiles,
        Path workingDir, Path projectDirectory, Map<String, String> environment, List<Path> envFiles,
        List<String> profiles, String projectName, boolean interpolate, boolean allResources, boolean expectOk,
        List<String> errorContains) {

    static ConformanceCase read(Path directory) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(Files.readString(directory.resolve("case.json")));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read " + directory.resolve("case.json"), e));
        }
        Path workingDir = directory.resolve(text(json, "working_dir", ".")).normalize();
        List<Path> files = new ArrayList<>();
        for (String f : strings(json, "compose_files")) {
            files.add(Path.of(f));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (json.get("environment") != null) {
            json.get("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        }
        String projectDirectory = text(json, "project_directory", null);
        return new ConformanceCase(directory.getParent().getFileName().toString(), directory.getFileName().toString(), directory,
                text(json, "source", ""), files, workingDir, projectDirectory == null ? null : Path.of(projectDirectory), env,
                strings(json, "env_files").stream().map(Path::of).toList(), strings(json, "profiles"),
                text(json, "project_name", null), !bool(json, "no_interpolate"), bool(json, "all_resources"),
                !"error".equals(text(json, "expect", "ok")), strings(json, "error_contains"));
    }

    /**
     * The options {@code docker compose} would load with, run in {@link #workingDir}; {@code --no-interpolate}
     * loads the model without consistency checks, as {@code config} does (and as Berth's config command does).
     */
    ProjectOptions options() {
        return ProjectOptions.in(workingDir).withComposeFiles(composeFiles).withEnvironment(environment)
                .withEnvFiles(envFiles).withProfiles(profiles).withProjectName(projectName)
                .withProjectDirectory(projectDirectory).withInterpolate(interpolate).withConsistencyChecks(interpolate);
    }

    /** A file beside case.json with {@code <dir>} replaced, or null. */
    String expected(String fileName) {
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file).replace("<dir>", directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode json, String key, String otherwise) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? otherwise : v.asString();
    }

    private static boolean bool(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v != null && v.asBoolean();
    }

    private static List<String> strings(JsonNode json, String key) {
        List<String> out = new ArrayList<>();
        JsonNode v = json.get(key);
        if (v != null) {
            v.forEach(item -> out.add(item.asString()));
        }
        return out;
    }

    @Override
    public String toString() {
        return topic + "/" + name;
    }
}
