package dev.berth.compose.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.corpus.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, the loader answers with diagnostics (or a project), never with an exception
 * or a hang. An "internal" diagnostic is what the loader turns an escaped exception into, so finding
 * one fails the property too. Each try has its own time limit.
 */
class LoaderFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Path WORKING_DIR = Path.of(System.getProperty("java.io.tmpdir"));
    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        return Corpus.realWorldFiles().stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static void loadsToDiagnosticsOnly(String text) {
        LoadResult result = assertTimeoutPreemptively(LIMIT, () -> ComposeLoader.load(ProjectOptions.in(WORKING_DIR)
                .withComposeFiles(List.of(Path.of("-"))).withStdinContent(text).withProjectName("fuzz")
                .withEnvironment(Map.of("HOME", "/home/fuzz"))));
        assertThat(result.diagnostics()).noneMatch(d -> d.code().equals("internal"));
        assertThat(result.project().isPresent()).isEqualTo(!result.hasErrors());
        for (Diagnostic d : result.diagnostics()) {
            assertThat(d.message()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void randomBytesGiveOnlyDiagnostics(@ForAll byte[] bytes) {
        loadsToDiagnosticsOnly(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void randomYamlLikeTextGivesOnlyDiagnostics(@ForAll("yamlish") String text) {
        loadsToDiagnosticsOnly(text);
    }

    @Property(tries = 600)
    void mutatedRealWorldFilesGiveOnlyDiagnostics(@ForAll("mutated") String text) {
        loadsToDiagnosticsOnly(text);
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars(" \n\t:-[]{}&*!|>'\"#%@`,?$<=.0123456789abcdefxyz_~\\")
                .ofMaxLength(400);
    }

    /** A real compose file with a few random edits: deleted spans, inserted YAML punctuation, swapped lines. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(seed, mutations).as((text, list) -> {
            String out = text;
            for (Mutation m : list) {
                out = m.apply(out);
            }
            return out;
        });
    }

    private Arbitrary<Mutation> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<String> inserted = Arbitraries.of("\t", ":", " ", "- ", "&a ", "*a", "<<: *a\n", "!reset ", "!override ",
                "${", "$", "[", "{", "}", "]", "\n  ", "'", "\"", "---\n", "0:", "~", "x-", ": ?", "%YAML 1.2\n");
        return Arbitraries.oneOf(
                Combinators.combine(at, Arbitraries.integers().between(1, 40)).as(Delete::new),
                Combinators.combine(at, inserted).as(Insert::new),
                Combinators.combine(at, at).as(SwapLines::new),
                at.map(DuplicateLine::new));
    }

    private interface Mutation {
        String apply(String text);
    }

    private record Delete(double at, int length) implements Mutation {
        public String apply(String text) {
            int start = (int) (at * text.length());
            return text.substring(0, start) + text.substring(Math.min(text.length(), start + length));
        }
    }

    private record Insert(double at, String what) implements Mutation {
        public String apply(String text) {
            int i = (int) (at * text.length());
            return text.substring(0, i) + what + text.substring(i);
        }
    }

    private record SwapLines(double a, double b) implements Mutation {
        public String apply(String text) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (lines.size() < 2) {
                return text;
            }
            Collections.swap(lines, (int) (a * (lines.size() - 1)), (int) (b * (lines.size() - 1)));
            return String.join("\n", lines);
        }
    }

    private record DuplicateLine(double at) implements Mutation {
        public String apply(String text) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (lines.isEmpty()) {
                return text;
            }
            int i = (int) (at * (lines.size() - 1));
            lines.add(i, lines.get(i));
            return String.join("\n", lines);
        }
    }
}
