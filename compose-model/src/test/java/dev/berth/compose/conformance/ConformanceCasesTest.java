package dev.berth.compose.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.model.Project;
import dev.berth.compose.output.ProjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Berth's own conformance cases, translated from the peers' tests (compose-go's loader, override and
 * dotenv tests, docker compose's e2e {@code config} scenarios): each loads like {@code docker compose}
 * would and must print what it prints, or fail with its error.
 */
class ConformanceCasesTest {

    static Path root() {
        try {
            return Path.of(ConformanceCasesTest.class.getClassLoader().getResource("conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<ConformanceCase> cases() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.getFileName().toString().equals("case.json")).map(Path::getParent).sorted()
                    .map(ConformanceCase::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAndPrintsLikeDockerCompose(ConformanceCase c) {
        LoadResult result = ComposeLoader.load(c.options());
        String all = String.join("\n", result.diagnostics().stream().map(Diagnostic::toString).toList());
        if (!c.expectOk()) {
            assertThat(result.hasErrors()).as("%s must fail; diagnostics:\n%s", c, all).isTrue();
            for (String expected : c.errorContains()) {
                assertThat(all).as("diagnostics of %s", c).contains(expected);
            }
            for (Diagnostic d : result.errors()) {
                assertThat(d.location().file()).as("every error names a file: %s", d).isNotNull();
                assertThat(d.location().line()).as("every error has a line: %s", d).isPositive();
            }
            return;
        }
        assertThat(result.errors()).as("errors of %s:\n%s", c, all).isEmpty();
        Project project = result.project().orElseThrow();
        ProjectWriter writer = new ProjectWriter(c.interpolate(), c.allResources());
        String yaml = c.expected("config.yaml");
        if (yaml != null) {
            assertThat(keep(c, "config.yaml", writer.toYaml(project))).as("config of %s", c).isEqualTo(yaml);
        }
        String json = c.expected("config.json");
        if (json != null) {
            assertThat(keep(c, "config.json", writer.toJson(project))).as("config --format json of %s", c).isEqualTo(json);
        }
        String part = c.expected("expected.yaml");
        if (part != null) {
            Object expected = new Load(LoadSettings.builder().build()).loadFromString(part);
            Object actual = new Load(LoadSettings.builder().build()).loadFromString(writer.toYaml(project));
            assertContains(actual, expected, "", c);
        }
        for (String warning : c.errorContains()) {
            assertThat(all).as("warnings of %s", c).contains(warning);
        }
    }

    /** What Berth printed, kept under target/conformance-output/ to diff against the expectation. */
    private static String keep(ConformanceCase c, String name, String printed) {
        try {
            Path file = Path.of("target", "conformance-output", c.topic(), c.name(), name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, printed.replace(c.directory().toString(), "<dir>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return printed;
    }

    /** Every key of {@code expected} is in {@code actual} with the same value; lists and scalars compare whole. */
    private static void assertContains(Object actual, Object expected, String path, ConformanceCase c) {
        if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as("%s: %s is a mapping", c, path).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<Object, Object> a = (Map<Object, Object>) actual;
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                String p = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
                if (entry.getValue() == null && !a.containsKey(entry.getKey())) {
                    continue;
                }
                if ("<absent>".equals(entry.getValue())) {
                    assertThat(a.containsKey(entry.getKey())).as("%s: %s must be absent", c, p).isFalse();
                    continue;
                }
                assertThat(a.containsKey(entry.getKey())).as("%s: %s is printed in %s", c, p, a).isTrue();
                assertContains(a.get(entry.getKey()), entry.getValue(), p, c);
            }
        } else {
            assertThat(actual).as("%s: %s", c, path).isEqualTo(expected instanceof List<?> l ? l : expected);
        }
    }
}
