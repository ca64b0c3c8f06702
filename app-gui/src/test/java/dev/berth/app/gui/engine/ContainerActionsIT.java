package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.app.workspace.EngineSession;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.compose.ContainerState;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 8 on the real engine: the containers tab's Restart, Stop and Remove act on one container
 * through the feed, and after a restart the row carries the new start time (the uptime starts again).
 */
@RequiresEngine
class ContainerActionsIT {

    private final String project = "ctractions" + Long.toHexString(System.nanoTime() & 0xffffffL);

    @AfterEach
    void cleanUp() {
        TestProjects.remove(project);
    }

    @Test
    void restartStopAndRemoveOneContainerAndTheRowFollows(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  app:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                  other:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        TestProjects.up(dir);
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        RecordingSink sink = new RecordingSink();
        try (EngineSession session = new EngineSession(() -> discovery.discover(DiscoveryOptions.defaults().withHost("unix://" + TestEngine.socket())));
             EngineProjectFeed feed = new EngineProjectFeed(session, null, Map.of())) {
            feed.start(sink);
            feed.projectSelected(project);
            await().atMost(Duration.ofSeconds(20)).until(() -> app(sink) != null && app(sink).startedAt() != null);
            ContainerRow before = app(sink);
            Thread.sleep(1_100); // start times have a second's resolution in what we compare

            feed.run(ContainerAction.RESTART, before.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ContainerRow now = app(sink);
                return now != null && now.startedAt() != null && now.startedAt().isAfter(before.startedAt());
            });
            assertThat(Duration.between(app(sink).startedAt(), Instant.now())).isLessThan(Duration.ofSeconds(20));

            feed.run(ContainerAction.STOP, before.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> app(sink).state() == ContainerState.EXITED);
            assertThat(app(sink).startedAt()).as("no uptime for a stopped container").isNull();

            feed.run(ContainerAction.REMOVE, before.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> app(sink) == null);
            assertThat(sink.rows).extracting(ContainerRow::service).containsExactly("other");
        }
    }

    private static ContainerRow app(RecordingSink sink) {
        return sink.rows.stream().filter(r -> r.service().equals("app")).findFirst().orElse(null);
    }
}
