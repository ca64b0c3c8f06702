package dev.berth.compose.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.output.ProjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against Debian's docker-compose v1.29 on the 43 real-world files: our
 * {@code config --format json} document and v1's {@code config} output must agree on every field both
 * tools print, except the differences listed in {@link #EXPLAINED} (each with its reason; the table
 * is in docs/CONFORMANCE.md and written to target/differential-v1.md at each run). Runs when
 * docker-compose is installed; under CI=true a missing docker-compose fails the test.
 */
class DifferentialV1IT {

    /** Field patterns (regex on the flattened path) where v1 and the specification differ, and why. */
    static final Map<String, String> EXPLAINED = Map.of(
            // The trailing / of a bind target (v1 drops it) is dropped by Berth too, as compose-go's cleanTarget does.
            "services\\.[^.]+\\.(mem_limit|mem_reservation|memswap_limit|shm_size|deploy\\.resources\\.(limits|reservations)\\.memory)",
            "v1 prints a byte size as written (1.5G); docker compose v2 prints the number of bytes (1610612736), and so do we");

    @TempDir
    static Path work;

    private static final List<String[]> ROWS = new ArrayList<>();

    @Test
    void agreesWithDockerComposeV1OnEveryRealWorldFile() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ComposeV1Oracle.installed()) {
            assertThat(ci).as("CI must install docker-compose (Debian package docker-compose) for the differential test").isFalse();
            assumeTrue(false, "docker-compose v1 is not installed");
        }
        List<String> unexplained = new ArrayList<>();
        int compared = 0;
        for (Path original : Corpus.realWorldFiles()) {
            Path copy = copyNextToPlaceholders(original);
            LoadResult ours = ComposeLoader.load(ProjectOptions.ofFiles(copy).withProfiles(List.of("*"))
                    .withEnvironment(Map.of("HOME", "/home/user")));
            assertThat(ours.errors()).as("%s", original).isEmpty();
            Project project = ours.project().orElseThrow();
            createBuildContexts(project);
            ComposeV1Oracle.Output theirs = ComposeV1Oracle.config(copy);
            String name = Corpus.root().relativize(original).toString();
            if (theirs.exit() != 0) {
                boolean knownV1Limitation = theirs.stderr().contains("'name' does not match")
                        && Pattern.compile("(?m)^name:").matcher(Files.readString(copy)).find();
                ROWS.add(new String[] {name, "-", "-", "v1 fails: top-level `name` is unknown to v1 (compose-spec feature)"});
                if (!knownV1Limitation) {
                    unexplained.add(name + ": v1 failed: " + theirs.stderr());
                }
                continue;
            }
            compared++;
            Map<String, String> a = ComparableView.of(new ProjectWriter(true).document(project), false);
            Map<String, String> b = ComparableView.of(theirs.config(), true);
            int agree = 0;
            List<String> differences = new ArrayList<>();
            for (String key : new TreeSet<>(union(a, b))) {
                String x = a.get(key);
                String y = b.get(key);
                if (x != null && x.equals(y)) {
                    agree++;
                } else if (x != null && y != null || y != null) {
                    String reason = reason(key);
                    differences.add(key + ": ours=" + x + " v1=" + y + (reason == null ? "" : " (" + reason + ")"));
                    if (reason == null) {
                        unexplained.add(name + " " + key + ": ours=" + x + " v1=" + y);
                    }
                }
                // Fields only we print (defaults such as protocol, dockerfile, <project>_ names) are not compared.
            }
            ROWS.add(new String[] {name, String.valueOf(agree), String.valueOf(differences.size()),
                    differences.isEmpty() ? "" : String.join("; ", differences)});
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
        assertThat(unexplained).as("fields where v1 and Berth disagree without an explanation").isEmpty();
    }

    private static String reason(String key) {
        for (Map.Entry<String, String> e : EXPLAINED.entrySet()) {
            if (key.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Set<String> union(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().reduce((x, y) -> y).orElse("");
        return line.length() > 120 ? line.substring(0, 120) : line;
    }

    /** The file and its .env in a scratch directory; v1 needs every build context to exist. */
    private static Path copyNextToPlaceholders(Path original) throws IOException {
        Path relative = Corpus.root().relativize(original);
        Path copy = work.resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.copy(original, copy);
        Path env = original.resolveSibling(".env");
        if (Files.exists(env)) {
            Files.copy(env, copy.resolveSibling(".env"));
        }
        return copy;
    }

    private static void createBuildContexts(Project project) throws IOException {
        for (ServiceSpec s : project.services().values()) {
            if (s.build() != null && s.build().context() != null && s.build().context().startsWith("/")) {
                Files.createDirectories(Path.of(s.build().context()));
            }
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (ROWS.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder("| file | fields agreeing | fields differing | differences |\n|---|---|---|---|\n");
        Map<String, String[]> sorted = new TreeMap<>();
        ROWS.forEach(r -> sorted.put(r[0], r));
        for (String[] r : sorted.values()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        Path report = Path.of("target", "differential-v1.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md.toString());
    }
}
