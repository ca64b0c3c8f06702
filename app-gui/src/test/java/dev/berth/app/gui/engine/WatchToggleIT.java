package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.feed.EditTarget;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.workspace.EngineSession;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's Watch toggle through the feed on the real engine: switched on for an opened project, a file
 * written on the host reaches the container and the sync shows as a "watch" line in the logs; switched off,
 * later changes stay on the host. A project without develop.watch is refused and the toggle goes back off.
 */
@RequiresEngine
class WatchToggleIT {

    private final String project = "watchgui" + Long.toHexString(System.nanoTime() & 0xffffffL);

    @AfterEach
    void cleanUp() {
        TestProjects.remove(project);
    }

    @Test
    void watchSyncsWhileOnAndShowsWhatItDidInTheLogs(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(project));
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    image: %s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    develop:
                      watch:
                        - action: sync
                          path: ./site
                          target: /tmp/site
                  plain:
                    image: %s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        TestProjects.up(dir);
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        RecordingSink sink = new RecordingSink();
        try (EngineSession session = new EngineSession(() -> discovery.discover(DiscoveryOptions.defaults().withHost("unix://" + TestEngine.socket())));
             EngineProjectFeed feed = new EngineProjectFeed(session, null, Map.of());
             EngineClient client = TestProjects.client()) {
            feed.start(sink);
            feed.open(dir.resolve("compose.yaml"));
            feed.projectSelected(project);
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.editTarget(project) instanceof EditTarget.Found);

            feed.watch(project, true);
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(sink.watching.get(project)));
            assertThat(sink.failures).isEmpty();
            Files.writeString(dir.resolve("site/index.html"), "on\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.lines.stream()
                    .anyMatch(l -> l.source().equals("watch") && l.text().startsWith("Synced 1 file to " + project + "-web-1")));
            String web = client.containers().list(ContainersApi.ListOptions.running()).stream()
                    .filter(c -> c.names().contains("/" + project + "-web-1")).findFirst().orElseThrow().id();
            assertThat(client.exec().run(web, List.of("cat", "/tmp/site/index.html")).stdout()).isEqualTo("on\n");
            assertThat(sink.lines).filteredOn(l -> l.source().equals("watch")).allMatch(l -> l.stream() == LogLine.Stream.STDOUT);

            feed.watch(project, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(sink.watching.get(project)));
            Files.writeString(dir.resolve("site/index.html"), "off\n");
            Thread.sleep(1500);
            assertThat(client.exec().run(web, List.of("cat", "/tmp/site/index.html")).stdout()).isEqualTo("on\n");
        }
    }

    @Test
    void aProjectWithoutWatchRulesIsRefusedAndTheToggleGoesOff(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), "name: %s\nservices:\n  web:\n    image: %s\n"
                .formatted(project, TestEngine.BUSYBOX_IMAGE));
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        RecordingSink sink = new RecordingSink();
        try (EngineSession session = new EngineSession(() -> discovery.discover(DiscoveryOptions.defaults().withHost("unix://" + TestEngine.socket())));
             EngineProjectFeed feed = new EngineProjectFeed(session, null, Map.of())) {
            feed.start(sink);
            feed.open(dir.resolve("compose.yaml"));
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.editTarget(project) instanceof EditTarget.Found);
            await().atMost(Duration.ofSeconds(20)).until(() -> session.compose().isPresent());
            feed.watch(project, true);
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(sink.watching.get(project)));
            assertThat(sink.failures).singleElement().asString().startsWith("Cannot watch " + project + ": None of the selected services");
        }
    }
}
