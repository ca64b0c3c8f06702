package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.SystemApi;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.testkit.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project watch on the real engine: replaced watches let go of every stream they opened. */
@RequiresEngine
class ProjectWatchIT {

    private final String project = "watch" + Long.toHexString(System.nanoTime() & 0xffffffL);

    @AfterEach
    void cleanUp() {
        TestProjects.remove(project);
    }

    /**
     * Selecting a project and then opening its file replaces the first watch while its first listing is
     * in flight. That listing used to open log and stats streams after close() had run, and the replaced
     * watch went on feeding the pane: every log line showed twice. The sink here closes the watch at the
     * worst moment, between the listing and the streams.
     */
    @Test
    void aWatchClosedDuringItsListingOpensNoStreamsThatOutliveIt(@TempDir Path parent) throws Exception {
        Path dir = TestProjects.sample(parent, project);
        TestProjects.up(dir);
        AtomicReference<ProjectWatch> watch = new AtomicReference<>();
        CountDownLatch listed = new CountDownLatch(1);
        AtomicInteger lines = new AtomicInteger();
        ProjectSink closingSink = new NullSink() {
            @Override
            public void containers(List<ContainerRow> rows) {
                watch.get().close(); // the user picked something else just now
                listed.countDown();
            }

            @Override
            public void logLine(LogLine line) {
                lines.incrementAndGet();
            }
        };
        try (EngineClient client = TestProjects.client()) {
            watch.set(new ProjectWatch(WatchedEngine.of(client), BackgroundTasks.virtualThreads(), project, null, closingSink, false));
            watch.get().start();
            assertThat(listed.await(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.get().openStreams() == 0);
            int before = lines.get();
            Thread.sleep(2_000); // the sample's services log every second
            assertThat(watch.get().openStreams()).isZero();
            assertThat(lines.get()).as("log lines delivered by a closed watch").isEqualTo(before);
        }
    }

    /**
     * Issue 12, defects 7 and 11 on the real engine: a crash-looping service's card says how often it
     * restarted and how it last exited (inspect after its die/start events, not per listing), and the Inspect
     * pane gets the engine's own document (keys such as {@code NetworkID}, all of NetworkSettings).
     */
    @Test
    void aCrashLoopShowsItsRestartsAndExitCodeAndInspectIsTheEnginesDocument(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  crash:
                    image: %s
                    command: ["sh", "-c", "echo starting; sleep 0.3; exit 3"]
                    restart: always
                  calm:
                    image: %s
                    command: ["sh", "-c", "while true; do sleep 1; done"]
                """.formatted(project, dev.berth.testkit.TestEngine.BUSYBOX_IMAGE, dev.berth.testkit.TestEngine.BUSYBOX_IMAGE));
        TestProjects.up(dir);
        RecordingSink sink = new RecordingSink();
        try (EngineClient client = TestProjects.client();
             var events = client.system().events(SystemApi.EventsOptions.fromNow())) {
            ProjectWatch watch = new ProjectWatch(WatchedEngine.of(client), BackgroundTasks.virtualThreads(), project, null, sink, false);
            Thread.ofVirtual().start(() -> {
                for (var event = events.next(); event != null; event = events.next()) {
                    if ("container".equals(event.type()) && event.actor() != null && event.actor().attributes() != null
                            && project.equals(event.actor().attributes().get(ComposeLabels.PROJECT))) {
                        watch.containerEvent(event.actor().id(), event.action());
                    }
                }
            });
            watch.start();
            await().atMost(Duration.ofSeconds(40)).until(() -> sink.details.getOrDefault("crash", "").matches("restarted [2-9]\\d*× · last exit 3"));
            assertThat(sink.rows).filteredOn(r -> r.service().equals("crash")).singleElement()
                    .satisfies(r -> assertThat(r.restartCount()).isGreaterThanOrEqualTo(1));

            watch.select("calm");
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.inspected.containsKey(project + "-calm-1"));
            Map<String, Object> doc = sink.inspected.get(project + "-calm-1");
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) doc.get("NetworkSettings");
            assertThat(settings).containsKeys("Networks", "SandboxKey", "Ports");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) settings.get("Networks");
            assertThat(networks.values()).allSatisfy(n -> assertThat(n).containsKeys("NetworkID", "IPAddress", "EndpointID"));
            assertThat(doc).containsKeys("Id", "State", "RestartCount", "HostConfig", "Config", "Mounts");
            watch.close();
        }
    }

    /** Ignores everything; tests override what they watch. */
    private static class NullSink implements ProjectSink {
        @Override public void projects(List<ProjectSummary> projects) {}
        @Override public void graph(ProjectGraph graph) {}
        @Override public void serviceState(String service, ServiceState state, String replicas) {}
        @Override public void containers(List<ContainerRow> rows) {}
        @Override public void logLine(LogLine line) {}
        @Override public void stats(StatsSample sample) {}
        @Override public void processes(String container, List<String> titles, List<List<String>> rows) {}
        @Override public void inspect(String container, Map<String, Object> json) {}
        @Override public void engineStatus(String text) {}
    }
}
