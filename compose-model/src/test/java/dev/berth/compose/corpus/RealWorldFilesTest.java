package dev.berth.compose.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 43 real-world files (awesome-compose, example-voting-app) load without a single error. */
class RealWorldFilesTest {

    static Stream<Path> files() {
        return Corpus.realWorldFiles().stream();
    }

    @Test
    void corpusHasTheFortyThreeRealWorldFiles() {
        assertThat(Corpus.realWorldFiles()).hasSize(43);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsWithoutErrors(Path file) {
        LoadResult result = ComposeLoader.load(ProjectOptions.ofFiles(file).withEnvironment(Map.of("HOME", "/home/user")));
        assertThat(result.errors()).as("%s", String.join("\n", result.diagnostics().stream().map(Diagnostic::toString).toList()))
                .isEmpty();
        Project project = result.project().orElseThrow();
        assertThat(project.services()).isNotEmpty();
        ServiceGraph graph = ServiceGraph.of(project);
        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.startLayers().stream().mapToInt(List::size).sum()).isEqualTo(project.services().size());
    }
}
