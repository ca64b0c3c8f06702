package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.progress.JsonProgressRenderer;
import dev.berth.engine.compose.progress.PlainProgressRenderer;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import dev.berth.engine.compose.progress.TtyProgressRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

/**
 * The CLI's AOT training workload (the launcher runs {@code berth --help} with {@code -Dberth.training=true}
 * once after each build). {@code --help} alone only loads picocli; a real command spends most of its
 * start-up loading and linking the YAML, schema, JSON and engine-client classes. So the training run
 * also loads a small project, renders progress events and, when an engine answers, runs read-only
 * commands ({@code ps}, {@code ls}, {@code up --dry-run}) for a project name nobody uses. It changes
 * nothing anywhere and never fails: any error only means a less complete cache.
 */
public final class AotTraining {

    private static final String PROJECT = """
            services:
              db:
                image: berth-aot/none:latest
                environment:
                  A: ${A:-1}
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 1s
                volumes: [data:/data]
                ports: ["127.0.0.1::5432"]
              web:
                image: berth-aot/none:latest
                command: ["sleep", "1"]
                depends_on:
                  db:
                    condition: service_healthy
                networks: [default, back]
            networks:
              back:
            volumes:
              data:
            """;

    private AotTraining() {}

    public static void run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("berth-aot");
            Path file = dir.resolve("compose.yaml");
            Files.writeString(file, PROJECT);
            LoadResult result = ComposeLoader.load(ProjectOptions.ofFiles(file).withEnvironment(Map.of()));
            Project project = result.project().orElse(null);
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (ProgressListener renderer : new ProgressListener[] {new PlainProgressRenderer(sink), new JsonProgressRenderer(sink),
                    new TtyProgressRenderer(sink, "Running")}) {
                renderer.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, "x-web-1", "web", "Creating"));
                renderer.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, "x-web-1", "web", "Created"));
                renderer.finish();
            }
            if (project != null) {
                String name = "berth-aot-" + UUID.randomUUID().toString().substring(0, 8);
                String[] prefix = {"-f", file.toString(), "-p", name};
                quietly(prefix, "ps", "-a");
                quietly(prefix, "ps", "--format", "json");
                quietly(prefix, "up", "--dry-run");
                quietly(new String[0], "ls");
            }
        } catch (IOException | RuntimeException e) {
            // a partial training is still a cache
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void quietly(String[] prefix, String... args) {
        String[] all = new String[prefix.length + args.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(args, 0, all, prefix.length, args.length);
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        BerthCli.run(sink, sink, all);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
