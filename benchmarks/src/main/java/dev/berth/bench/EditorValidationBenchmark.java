package dev.berth.bench;

import dev.berth.app.gui.editor.ValidationService;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * What the editor runs after each pause in typing, warm: the whole project re-loaded with the edited
 * (unsaved) text laid over the disk, for a 2,000-line compose file (77 generated services).
 * Run: {@code benchmarks/run jmh EditorValidation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EditorValidationBenchmark {

    /** 77 services of the generated shape make a 2,000-line file. */
    public static final int SERVICES_FOR_2000_LINES = 77;

    private ProjectOptions options;
    private Path file;
    private String text;
    private int edit;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("berth-editor-bench");
        file = GeneratedCompose.write(dir, SERVICES_FOR_2000_LINES);
        text = Files.readString(file);
        options = ProjectOptions.ofFiles(file).withEnvironment(Map.of("HOME", "/home/bench"));
    }

    @Benchmark
    public LoadResult validateEdited2000Lines() {
        // A different edit each time, as typing makes: one label value changes.
        String edited = text.replace("com.example.index: \"5\"", "com.example.index: \"5" + (edit++ % 10) + "\"");
        return ValidationService.load(options, Map.of(file, edited));
    }
}
