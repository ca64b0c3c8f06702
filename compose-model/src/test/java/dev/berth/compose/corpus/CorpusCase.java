package dev.berth.compose.corpus;

import dev.berth.compose.ProjectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One {@code cases/NNN-name/case.json}: the inputs and the expected outcome. */
public record CorpusCase(String id, String name, Path directory, List<Path> composeFiles, Map<String, String> environment,
        List<Path> envFiles, List<String> profiles, String projectName, boolean expectOk, List<String> errorContains) {

    public static CorpusCase read(Path directory) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(directory.resolve("case.json").toFile());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read " + directory, e));
        }
        List<Path> files = new ArrayList<>();
        json.get("compose_files").forEach(f -> files.add(directory.resolve(f.asString())));
        Map<String, String> env = new LinkedHashMap<>();
        json.get("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        List<Path> envFiles = new ArrayList<>();
        json.get("env_files").forEach(f -> envFiles.add(directory.resolve(f.asString())));
        List<String> profiles = new ArrayList<>();
        json.get("profiles").forEach(p -> profiles.add(p.asString()));
        List<String> contains = new ArrayList<>();
        json.get("error_contains").forEach(c -> contains.add(c.asString()));
        JsonNode name = json.get("project_name");
        return new CorpusCase(json.get("id").asString(), json.get("name").asString(), directory, files, env, envFiles,
                profiles, name == null || name.isNull() ? null : name.asString(), "ok".equals(json.get("expect").asString()),
                contains);
    }

    public ProjectOptions options() {
        return ProjectOptions.in(directory).withComposeFiles(composeFiles).withEnvironment(environment)
                .withEnvFiles(envFiles).withProfiles(profiles).withProjectName(projectName);
    }

    @Override
    public String toString() {
        return id + "-" + name;
    }
}
