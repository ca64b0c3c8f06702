package dev.berth.engine.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.EngineJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.SerializationFeature;

/**
 * The compose → swarm mapping pinned down file by file: {@code src/test/resources/stack/<case>/compose.yaml}
 * becomes {@code expected.json} (networks, secrets, configs and every service spec as sent to the engine) and
 * {@code expected-diagnostics.txt} (what the swarm ignores, with positions). Run with
 * {@code -Dberth.golden.update=true} to rewrite the expectations after a deliberate change, then read the diff.
 */
class StackSpecGoldenTest {

    private static final Path ROOT = Path.of("src/test/resources/stack");

    @ParameterizedTest
    @ValueSource(strings = {"full", "ignored", "modes"})
    void mapsLikeTheGoldenFile(String name) throws IOException {
        Path dir = ROOT.resolve(name).toAbsolutePath();
        LoadResult loaded = ComposeLoader.load(ProjectOptions.ofFiles(dir.resolve("compose.yaml")).withProjectName("demo")
                .withEnvironment(Map.of("API_KEY", "k-123")));
        assertTrue(loaded.project().isPresent(), () -> "does not load: " + loaded.diagnostics());
        StackSpec stack = StackSpecMapper.map(loaded.project().orElseThrow(), "demo");
        String json = EngineJson.MAPPER.writerWithDefaultPrettyPrinter()
                // The mapper builds some small maps with Map.of, whose order changes from run to run.
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(render(stack))
                .replace(dir.toString(), "$DIR") + "\n";
        String diagnostics = stack.diagnostics().stream().map(d -> line(d, dir)).collect(Collectors.joining("\n", "", "\n"));
        check(dir.resolve("expected.json"), json);
        check(dir.resolve("expected-diagnostics.txt"), diagnostics);
    }

    private static Map<String, Object> render(StackSpec stack) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> networks = new LinkedHashMap<>();
        stack.networks().forEach((key, n) -> networks.put(key, n.external() ? Map.of("External", n.name()) : n.create()));
        out.put("Networks", networks);
        out.put("Secrets", files(stack.secrets()));
        out.put("Configs", files(stack.configs()));
        Map<String, Object> services = new LinkedHashMap<>();
        stack.services().forEach((key, s) -> services.put(key, s.spec()));
        out.put("Services", services);
        return out;
    }

    private static Map<String, Object> files(Map<String, StackSpec.DesiredFile> files) {
        Map<String, Object> out = new LinkedHashMap<>();
        files.forEach((key, f) -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("Name", f.name());
            file.put("External", f.external());
            if (!f.external()) {
                file.put("Labels", f.labels());
                file.put("Bytes", f.data().length);
            }
            out.put(key, file);
        });
        return out;
    }

    private static String line(Diagnostic d, Path dir) {
        String where = d.location().file() == null ? "?" : dir.relativize(d.location().file()) + ":" + d.location().line() + ":"
                + d.location().column();
        return where + ": " + d.severity().toString().toLowerCase() + ": " + d.path() + ": " + d.message();
    }

    private static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("berth.golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, actual);
            if (!Boolean.getBoolean("berth.golden.update")) {
                throw new AssertionError("wrote the missing golden file " + golden + "; read it and run again");
            }
            return;
        }
        assertEquals(Files.readString(golden), actual, golden.toString());
    }
}
