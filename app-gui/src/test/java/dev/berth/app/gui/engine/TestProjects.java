package dev.berth.app.gui.engine;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.DownOptions;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Engine housekeeping and sample projects for the GUI's integration tests: only ever touches the test's own project. */
public final class TestProjects {

    private TestProjects() {}

    /**
     * Writes the sample "shop" project (busybox services: proxy with a published port, web ×2, api and db
     * with health checks, worker, cache, a one-shot migration; two networks, two volumes) into
     * {@code parent/name} with a unique project name and a free local port.
     */
    public static Path sample(Path parent, String name) throws IOException {
        String yaml;
        try (var in = TestProjects.class.getResourceAsStream("/dev/berth/app/gui/sample/compose.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("compose.yaml"), yaml.replace("name: PROJECT", "name: " + name)
                .replace("image: IMAGE", "image: " + TestEngine.BUSYBOX_IMAGE).replace("127.0.0.1:PORT:", "127.0.0.1:" + port + ":"));
        return dir;
    }

    /** Brings a compose project up the way another client would: the orchestrator, without the window. */
    public static void up(Path dir) {
        Project project = ComposeLoader.load(ProjectOptions.in(dir)
                .withComposeFiles(List.of(dir.resolve("compose.yaml"))).withEnvironment(Map.of())).orThrow();
        try (EngineClient client = client()) {
            new ComposeEngine(client).up(project, UpOptions.defaults(), ProgressListener.NONE);
        }
    }

    static void stop(String project) {
        try (EngineClient client = client()) {
            new ComposeEngine(client).stop(project, Set.of(), Duration.ZERO, ProgressListener.NONE);
        }
    }

    static EngineClient client() {
        return EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    }

    static int containersOf(String project) {
        try (EngineClient client = client()) {
            return client.containers().list(ListOptions.allContainers()
                    .withFilters(Filters.none().label(ComposeLabels.projectFilter(project)))).size();
        }
    }

    /** Removes what a test left behind (containers, networks, volumes of its project). */
    public static void remove(String project) {
        try (EngineClient client = client()) {
            new ComposeEngine(client).down(project, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ZERO),
                    ProgressListener.NONE);
        } catch (RuntimeException e) {
            System.err.println("cleanup of " + project + " failed: " + e);
        }
    }
}
