package dev.berth.compose.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Runs Debian's docker-compose v1 ({@code docker-compose config}) as the reference for plain v3-style files. */
final class ComposeV1Oracle {

    static final Path BINARY = Path.of("/usr/bin/docker-compose");

    record Output(int exit, Map<String, Object> config, String stderr) {}

    private ComposeV1Oracle() {}

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    @SuppressWarnings("unchecked")
    static Output config(Path composeFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-f", composeFile.toString(), "config");
        pb.directory(composeFile.getParent().toFile());
        Map<String, String> env = pb.environment();
        env.keySet().retainAll(List.of("PATH", "LANG", "LC_ALL"));
        env.put("HOME", "/home/user");
        Path err = Files.createTempFile("v1", ".err");
        pb.redirectError(err.toFile());
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("docker-compose config timed out on " + composeFile);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        Map<String, Object> config = process.exitValue() == 0
                ? (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out) : Map.of();
        return new Output(process.exitValue(), config, stderr);
    }
}
