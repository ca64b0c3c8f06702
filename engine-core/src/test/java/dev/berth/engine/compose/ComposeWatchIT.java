package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.compose.model.Project;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.watch.ComposeWatch;
import dev.berth.engine.compose.watch.ComposeWatch.WatchEvent;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth watch} on the real engine: a project of two built services, {@code app} syncing
 * {@code ./app/src} to {@code /srv/src} (ignoring {@code ignored/}) and {@code api} rebuilding when
 * {@code ./api/conf} changes. Files written, created in a new folder and deleted on the host show up (or
 * go) in the container (and, with {@code initial_sync}, what was there before watch started); a change under the ignored path does nothing; a change under the rebuild path
 * rebuilds and recreates {@code api} only.
 */
@RequiresEngine
class ComposeWatchIT {

    private static final String COMPOSE = """
            services:
              app:
                build: ./app
                stop_grace_period: 1s
                develop:
                  watch:
                    - action: sync
                      path: ./app/src
                      target: /srv/src
                      ignore: [ignored/]
                      initial_sync: true
              api:
                build: ./api
                stop_grace_period: 1s
                develop:
                  watch:
                    - action: rebuild
                      path: ./api/conf
            """;

    private final ComposeProjectFixture fixture = new ComposeProjectFixture();
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private ComposeWatch watch;

    @AfterEach
    void cleanUp() {
        if (watch != null) {
            watch.close();
        }
        fixture.close(); // closes its client too: the built images go through a client of their own
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            for (String image : List.of(fixture.name + "-app", fixture.name + "-api")) {
                try {
                    client.images().remove(image, true, false);
                } catch (RuntimeException ignored) {
                    // not built
                }
            }
        }
    }

    private Project setUp() throws IOException {
        Path app = Files.createDirectories(fixture.dir.resolve("app/src"));
        Files.writeString(fixture.dir.resolve("app/Dockerfile"), "FROM " + ComposeProjectFixture.IMAGE
                + "\nRUN mkdir -p /srv/src\nCMD [\"sleep\", \"3600\"]\n");
        Files.writeString(app.resolve("start.txt"), "start\n");
        Files.createDirectories(fixture.dir.resolve("api/conf"));
        Files.writeString(fixture.dir.resolve("api/Dockerfile"), "FROM " + ComposeProjectFixture.IMAGE
                + "\nCOPY conf /conf\nCMD [\"sleep\", \"3600\"]\n");
        Files.writeString(fixture.dir.resolve("api/conf/settings"), "v1\n");
        Project project = fixture.load(COMPOSE);
        fixture.compose.up(project, UpOptions.defaults(), ProgressListener.NONE);
        watch = new ComposeWatch(fixture.compose, project, Set.of(), ComposeWatch.QUIET_PERIOD, events::add).start();
        return project;
    }

    private String container(String service) {
        return fixture.compose.ps(fixture.name, Set.of(service), false).getFirst().id();
    }

    private String exec(String service, String... command) {
        var result = fixture.client.exec().run(container(service), List.of(command));
        return result.exitCode() + ":" + result.stdout();
    }

    @Test
    void syncsWritesNewFoldersAndDeletesIgnoresIgnoredPathsAndRebuildsOnlyTheRebuildService() throws Exception {
        setUp();
        Path src = fixture.dir.resolve("app/src");
        String apiBefore = container("api");
        String appBefore = container("app");
        assertThat(exec("app", "cat", "/srv/src/start.txt")).as("initial sync").isEqualTo("0:start\n");

        Files.writeString(src.resolve("hello.txt"), "hello from the host\n");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(exec("app", "cat", "/srv/src/hello.txt")).isEqualTo("0:hello from the host\n"));

        Files.createDirectories(src.resolve("nested/deeper"));
        Files.writeString(src.resolve("nested/deeper/file.txt"), "deep\n");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(exec("app", "cat", "/srv/src/nested/deeper/file.txt")).isEqualTo("0:deep\n"));

        Files.delete(src.resolve("hello.txt"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(exec("app", "sh", "-c", "test -e /srv/src/hello.txt; echo $?")).isEqualTo("0:1\n"));

        // ignored: written, then a marker written after it; once the marker is there the ignored file must not be
        Files.createDirectories(src.resolve("ignored"));
        Files.writeString(src.resolve("ignored/secret.txt"), "not for the container\n");
        Files.writeString(src.resolve("ignored.swp~"), "editor temp\n");
        Thread.sleep(200);
        Files.writeString(src.resolve("marker.txt"), "marker\n");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(exec("app", "cat", "/srv/src/marker.txt")).isEqualTo("0:marker\n"));
        assertThat(exec("app", "sh", "-c", "ls -A /srv/src")).isEqualTo("0:marker.txt\nnested\nstart.txt\n");
        assertThat(events).noneMatch(e -> e.kind() == WatchEvent.Kind.FAILED);
        assertThat(events).noneMatch(e -> e.kind() == WatchEvent.Kind.REBUILT);
        assertThat(container("api")).isEqualTo(apiBefore);

        // rebuild: api gets a new image and container with the new file; app keeps its container
        Files.writeString(fixture.dir.resolve("api/conf/settings"), "v2\n");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(events).anyMatch(e -> e.message().equals("Rebuilt and recreated service api")));
        assertThat(container("api")).isNotEqualTo(apiBefore);
        assertThat(exec("api", "cat", "/conf/settings")).isEqualTo("0:v2\n");
        assertThat(container("app")).isEqualTo(appBefore);
        assertThat(events).filteredOn(e -> e.kind() == WatchEvent.Kind.REBUILT).allMatch(e -> e.service().equals("api"));
    }

    /**
     * Change on disk → visible in the container, 20 times: the host writes a new value and the test polls
     * the container ({@code cat} by exec, ~every 10 ms) until it reads it. Printed for docs/PERFORMANCE.md.
     */
    @Test
    void measuresChangeToVisibleInTheContainer() throws Exception {
        setUp();
        Path file = fixture.dir.resolve("app/src/latency.txt");
        List<Long> millis = new ArrayList<>();
        List<Long> synced = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String value = "change " + i + "\n";
            int before = events.size();
            long start = System.nanoTime();
            Instant wrote = Instant.now();
            Files.writeString(file, value);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).pollDelay(Duration.ZERO)
                    .until(() -> exec("app", "cat", "/srv/src/latency.txt").equals("0:" + value));
            long took = (System.nanoTime() - start) / 1_000_000;
            if (i > 0) { // the first one also pays the first exec's connection set-up
                millis.add(took);
                events.subList(before, events.size()).stream().filter(e -> e.kind() == WatchEvent.Kind.SYNCED).findFirst()
                        .ifPresent(e -> synced.add(Duration.between(wrote, e.at()).toMillis()));
            }
            Thread.sleep(100);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        System.out.printf("watch change→visible: n=%d median=%d ms p95=%d ms min=%d ms max=%d ms (quiet period %d ms)%n",
                sorted.size(), median, p95, sorted.getFirst(), sorted.getLast(), ComposeWatch.QUIET_PERIOD.toMillis());
        List<Long> syncedSorted = synced.stream().sorted().toList();
        System.out.printf("watch change→sync done (archive PUT returned): n=%d median=%d ms%n", syncedSorted.size(),
                syncedSorted.isEmpty() ? -1 : syncedSorted.get(syncedSorted.size() / 2));
        assertThat(median).isBetween(ComposeWatch.QUIET_PERIOD.toMillis(), 3000L);
    }

    /** {@code sync+restart} restarts the service's container after copying; {@code sync+exec} runs its command in it. */
    @Test
    void syncRestartRestartsAndSyncExecRunsTheCommand() throws Exception {
        Files.createDirectories(fixture.dir.resolve("conf"));
        Files.createDirectories(fixture.dir.resolve("hooks"));
        Project project = fixture.load("""
                services:
                  svc:
                    image: IMAGE
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
                    develop:
                      watch:
                        - action: sync+restart
                          path: ./conf
                          target: /etc/svc
                        - action: sync+exec
                          path: ./hooks
                          target: /tmp/hooks
                          exec:
                            command: ["sh", "-c", "cat /tmp/hooks/hook >> /tmp/exec.log"]
                """);
        fixture.compose.up(project, UpOptions.defaults(), ProgressListener.NONE);
        watch = new ComposeWatch(fixture.compose, project, Set.of("svc"), ComposeWatch.QUIET_PERIOD, events::add).start();
        String id = container("svc");
        String startedBefore = fixture.client.containers().inspect(id).state().startedAt();

        Files.writeString(fixture.dir.resolve("conf/app.ini"), "mode=dev\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(events).anyMatch(e -> e.kind() == WatchEvent.Kind.RESTARTED));
        assertThat(fixture.client.containers().inspect(id).state().startedAt()).isNotEqualTo(startedBefore);
        assertThat(exec("svc", "cat", "/etc/svc/app.ini")).isEqualTo("0:mode=dev\n");

        Files.writeString(fixture.dir.resolve("hooks/hook"), "hook ran\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(exec("svc", "cat", "/tmp/exec.log")).isEqualTo("0:hook ran\n"));
        assertThat(events).anyMatch(e -> e.kind() == WatchEvent.Kind.EXECUTED && e.message().endsWith("exit 0"));
        assertThat(events).noneMatch(e -> e.kind() == WatchEvent.Kind.FAILED);
    }
}
