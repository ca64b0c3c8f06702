package dev.berth.engine.compose;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throw-away Compose project on the real engine: a unique project name, a compose file in a temp dir,
 * a recorded progress stream, and a {@code down -v} at the end (only this project's resources).
 */
final class ComposeProjectFixture implements AutoCloseable {

    static final String IMAGE = TestEngine.BUSYBOX_IMAGE;

    final String name = "berthit" + UUID.randomUUID().toString().substring(0, 8);
    final Path dir;
    final EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    final ComposeEngine compose = new ComposeEngine(client);
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    final ProgressListener progress = events::add;

    ComposeProjectFixture() {
        try {
            dir = Files.createTempDirectory("berth-compose-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Project load(String yaml) {
        try {
            Files.writeString(dir.resolve("compose.yaml"), yaml.replace("IMAGE", IMAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadResult result = ComposeLoader.load(ProjectOptions.ofFiles(dir.resolve("compose.yaml"))
                .withProjectName(name).withEnvironment(Map.of()));
        if (result.hasErrors()) {
            throw new AssertionError("test compose file does not load: " + result.diagnostics());
        }
        return result.project().orElseThrow();
    }

    List<ServiceContainer> ps() {
        return compose.ps(name, Set.of(), true);
    }

    @Override
    public void close() {
        try {
            compose.down(name, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ofSeconds(1)),
                    ProgressListener.NONE);
        } finally {
            client.close();
        }
    }
}
