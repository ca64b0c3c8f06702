package dev.berth.bench;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load + validate + graph, warm: the whole {@link ComposeLoader} pipeline (parse, interpolate, schema,
 * normalise, consistency, bind) followed by the service graph's start layers.
 * Run: {@code benchmarks/run jmh ComposeLoad}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComposeLoadBenchmark {

    private ProjectOptions generated500;
    private ProjectOptions largestCorpusFile;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("berth-bench");
        generated500 = ProjectOptions.ofFiles(GeneratedCompose.write(dir, 500)).withEnvironment(Map.of("HOME", "/home/bench"));
        largestCorpusFile = ProjectOptions.ofFiles(largestCorpusFile()).withEnvironment(Map.of("HOME", "/home/bench"));
        check(generated500);
        check(largestCorpusFile);
    }

    /** The biggest real-world file of the corpus (example-voting-app's docker-compose.yml). */
    static Path largestCorpusFile() {
        for (Path p : List.of(Path.of("compose-model/src/test/resources/corpus/voting-app/docker-compose.yml"),
                Path.of("../compose-model/src/test/resources/corpus/voting-app/docker-compose.yml"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("run from the repository root: corpus file not found");
    }

    private static void check(ProjectOptions options) {
        LoadResult result = ComposeLoader.load(options);
        if (result.hasErrors()) {
            throw new IllegalStateException("benchmark input does not load: " + result.errors());
        }
    }

    @Benchmark
    public List<List<String>> loadValidateAndGraph500Services() {
        return loadAndGraph(generated500);
    }

    @Benchmark
    public List<List<String>> loadValidateAndGraphLargestCorpusFile() {
        return loadAndGraph(largestCorpusFile);
    }

    private static List<List<String>> loadAndGraph(ProjectOptions options) {
        Project project = ComposeLoader.load(options).orThrow();
        return ServiceGraph.of(project).startLayers();
    }
}
