package dev.berth.compose.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile YAML is refused with one clear, positioned diagnostic instead of eating memory or the stack. */
class YamlLimitsTest {

    private static final Path FILE = Path.of("/p/compose.yaml");

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Node> read(String yaml) {
        return new YamlReader().read(yaml, FILE, diagnostics);
    }

    @Test
    void refusesBillionLaughsAliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                yaml.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        List<Node> docs = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(yaml.toString()));
        assertThat(docs).isEmpty();
        assertThat(diagnostics.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("excessive aliasing");
            assertThat(d.location().file()).isEqualTo(FILE);
            assertThat(d.location().line()).isBetween(2, 12);
        });
    }

    @Test
    void refusesAbsurdNestingAtTheLevelThatCrossesTheLimit() {
        String yaml = "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        List<Node> docs = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(yaml));
        assertThat(docs).isEmpty();
        assertThat(diagnostics.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("mappings and sequences are nested more than 200 levels deep");
            assertThat(d.location()).isEqualTo(new Location(FILE, 1, 4 + 199));
        });
    }

    @Test
    void acceptsOneAnchorMergedIntoManyServices() {
        StringBuilder yaml = new StringBuilder("x-common: &common {restart: always, logging: {driver: json-file}}\nservices:\n");
        for (int i = 0; i < 2000; i++) {
            yaml.append("  s").append(i).append(":\n    <<: *common\n    image: busybox\n");
        }
        assertThat(read(yaml.toString())).hasSize(1);
        assertThat(diagnostics.list()).isEmpty();
    }

    @Test
    void refusesRecursiveAlias() {
        read("a: &a\n  b: *a\n");
        assertThat(diagnostics.list()).singleElement().satisfies(d ->
                assertThat(d.message()).contains("recursive alias"));
    }

    @Test
    void refusesFilesAboveTheCodePointLimit() {
        List<Node> docs = new YamlReader(new YamlLimits(100, 200, 1000, 1000, 10)).read("a: " + "b".repeat(2000), FILE, diagnostics);
        assertThat(docs).isEmpty();
        assertThat(diagnostics.list()).singleElement().satisfies(d -> assertThat(d.message()).contains("larger than 1000"));
    }

    @Test
    void resolvesMergeKeysWithLocalKeysWinning() {
        List<Node> docs = read("""
                base: &base {image: nginx, restart: always}
                web:
                  <<: *base
                  restart: "no"
                """);
        MapNode web = ((MapNode) docs.get(0)).getMap("web");
        assertThat(web.getString("image")).isEqualTo("nginx");
        assertThat(web.getString("restart")).isEqualTo("no");
        assertThat(diagnostics.list()).isEmpty();
    }

    @Test
    void rejectsMergeOfAScalar() {
        read("s: &s hello\nweb:\n  <<: *s\n");
        assertThat(diagnostics.list()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("map merge requires map"));
    }

    @Test
    void reportsNonStringKeyWithItsPath() {
        read("services:\n  123:\n    image: busybox\n");
        assertThat(diagnostics.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("non-string key in services: 123");
            assertThat(d.location()).isEqualTo(new Location(FILE, 2, 3));
        });
    }

    @Test
    void keepsEveryDocumentOfAMultiDocumentFile() {
        assertThat(read("a: 1\n---\nb: 2\n")).hasSize(2);
    }
}
