package dev.berth.compose.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The cases Berth ported from its peers' own test suites (compose-go's loader, format, transform and
 * types tests; docker compose's e2e scenarios), one YAML file per topic under
 * {@code src/test/resources/conformance/}. Each case is a compose file written into a fresh project
 * directory and loaded the way {@code docker compose config} would; see {@code README.md} there for
 * the fields.
 */
class PortedCasesTest {

    static final Path ROOT = root();

    @TempDir
    Path scratch;

    private static Path root() {
        try {
            return Path.of(PortedCasesTest.class.getClassLoader().getResource("conformance/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every topic file: its cases, in file order. */
    static Map<String, List<PortedCase>> topics() {
        Map<String, List<PortedCase>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList()) {
                out.put(file.getFileName().toString().replace(".yaml", ""), PortedCase.readAll(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicNode> portedCases() {
        List<DynamicNode> containers = new ArrayList<>();
        topics().forEach((topic, cases) -> containers.add(DynamicContainer.dynamicContainer(topic,
                cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c))))));
        return containers.stream();
    }

    private void run(PortedCase c) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "case");
        Files.writeString(dir.resolve("compose.yaml"), c.compose());
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        ProjectOptions options = ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withEnvironment(c.environment()).withProjectName("ported").withInterpolate(c.interpolate());
        LoadResult result = ComposeLoader.load(options);
        String all = String.join("\n", result.diagnostics().stream().map(Diagnostic::toString).toList());
        if (c.expectOk()) {
            assertThat(result.errors()).as("errors of %s:\n%s", c, all).isEmpty();
            Project project = result.project().orElseThrow();
            for (Map.Entry<String, Object> field : c.model().entrySet()) {
                assertThat(Plain.normalize(Plain.at(project.canonical(), field.getKey())))
                        .as("%s: %s\n(diagnostics:\n%s)", c, field.getKey(), all)
                        .isEqualTo(Plain.normalize(field.getValue()));
            }
            for (Map.Entry<String, Object> field : c.typed().entrySet()) {
                assertThat(String.valueOf(Plain.accessor(project, field.getKey())))
                        .as("%s: typed %s", c, field.getKey()).isEqualTo(String.valueOf(field.getValue()));
            }
            for (String absent : c.absent()) {
                assertThat(Plain.at(project.canonical(), absent)).as("%s: %s must be absent", c, absent).isNull();
            }
        } else {
            assertThat(result.hasErrors()).as("%s must fail; diagnostics:\n%s", c, all).isTrue();
            for (String expected : c.errorContains()) {
                assertThat(result.errors()).as("%s: an error containing \"%s\"; diagnostics:\n%s", c, expected, all)
                        .anySatisfy(d -> assertThat(d.message()).contains(expected));
            }
            for (Diagnostic d : result.errors()) {
                assertThat(d.location().file()).as("%s: every error names a file: %s", c, d).isNotNull();
                assertThat(d.location().line()).as("%s: every error has a line: %s", c, d).isPositive();
            }
        }
        for (String expected : c.warningContains()) {
            assertThat(result.diagnostics()).as("%s: a warning containing \"%s\"; diagnostics:\n%s", c, expected, all)
                    .anySatisfy(d -> assertThat(d.toString()).contains(expected));
        }
        if (c.at() != null) {
            List<Diagnostic> shown = c.expectOk() ? result.diagnostics() : result.errors();
            assertThat(shown).as("%s: first diagnostic at %s:\n%s", c, c.at(), all).isNotEmpty();
            Diagnostic first = shown.get(0);
            String file = c.atFile() == null ? "compose.yaml" : c.atFile();
            assertThat(first.location().file().getFileName().toString() + ":" + first.location().line() + ":"
                    + first.location().column()).as("%s: %s", c, first).isEqualTo(file + ":" + c.at());
        }
    }

    /** One case of a topic file. */
    record PortedCase(String topic, String name, String from, String compose, Map<String, String> files,
            Map<String, String> environment, boolean interpolate, boolean expectOk, List<String> errorContains,
            List<String> warningContains, String at, String atFile, Map<String, Object> model, List<String> absent,
            Map<String, Object> typed) {

        @SuppressWarnings("unchecked")
        static List<PortedCase> readAll(Path file) throws IOException {
            Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(file));
            String topic = file.getFileName().toString().replace(".yaml", "");
            List<PortedCase> out = new ArrayList<>();
            for (Object o : (List<Object>) doc.get("cases")) {
                Map<String, Object> m = (Map<String, Object>) o;
                String expect = String.valueOf(m.getOrDefault("expect", "ok"));
                if (!expect.equals("ok") && !expect.equals("error")) {
                    throw new IllegalArgumentException(file + ": expect must be ok or error: " + m.get("name"));
                }
                Object at = m.get("at");
                String atText = at == null ? null : String.valueOf(at);
                String atFile = null;
                if (atText != null && atText.indexOf(':') != atText.lastIndexOf(':')) {
                    atFile = atText.substring(0, atText.indexOf(':'));
                    atText = atText.substring(atText.indexOf(':') + 1);
                }
                out.add(new PortedCase(topic, String.valueOf(m.get("name")), String.valueOf(m.get("from")),
                        String.valueOf(m.get("compose")), strings((Map<String, Object>) m.get("files")),
                        strings((Map<String, Object>) m.get("env")), !Boolean.FALSE.equals(m.get("interpolate")),
                        expect.equals("ok"), list(m.get("error")), list(m.get("warning")), atText, atFile,
                        m.get("model") == null ? Map.of() : (Map<String, Object>) m.get("model"), list(m.get("absent")),
                        m.get("typed") == null ? Map.of() : (Map<String, Object>) m.get("typed")));
            }
            return out;
        }

        private static Map<String, String> strings(Map<String, Object> m) {
            Map<String, String> out = new LinkedHashMap<>();
            if (m != null) {
                m.forEach((k, v) -> out.put(k, String.valueOf(v)));
            }
            return out;
        }

        private static List<String> list(Object o) {
            if (o == null) {
                return List.of();
            }
            if (o instanceof List<?> l) {
                return l.stream().map(String::valueOf).toList();
            }
            return List.of(String.valueOf(o));
        }

        @Override
        public String toString() {
            return topic + ": " + name + " (" + from + ")";
        }
    }
}
