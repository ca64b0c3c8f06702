package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import dev.berth.testkit.PrivateEngine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults 1 and 2 of the reliability campaign (docs/RELIABILITY.md): the engine dies (SIGKILL to its pid)
 * while {@code up -d}, {@code logs -f}, {@code events}, attached {@code up} and streaming {@code stats} run. A private dockerd ({@link PrivateEngine}) takes
 * the blows, never the shared engine. Each command must end by itself with a message and no stack trace; after
 * the engine is back, a second {@code up} completes the project with one container per service.
 */
@RequiresEngine
class EngineKilledIT {

    private static PrivateEngine engine;

    @TempDir
    Path dir;

    private String project;
    private Path file;

    record Run(int exitCode, String out, String err) {}

    /** A command running on a virtual thread, its output readable while it runs. */
    record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
        Run await(Duration limit) throws Exception {
            int code = exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @BeforeAll
    static void startPrivateEngine() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        engine = PrivateEngine.start();
        engine.loadImage(TestEngine.BUSYBOX_IMAGE);
    }

    @AfterAll
    static void stopPrivateEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void engineUp() throws Exception {
        engine.restart(); // a no-op when it runs
        project = "killed" + UUID.randomUUID().toString().substring(0, 8);
        file = dir.resolve("compose.yaml");
    }

    private Running start(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", engine.host(), "-f", file.toString(), "-p", project));
        all.addAll(Arrays.asList(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofVirtual().name("berth-" + args[0]).start(() -> {
            try {
                exit.complete(BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new)));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        });
        return new Running(exit, out, err);
    }

    private Run berth(String... args) throws Exception {
        return start(args).await(Duration.ofSeconds(120));
    }

    private static void assertEndedWithAMessage(Run run, String fault) {
        System.out.println("fault " + fault + ": exit " + run.exitCode() + ", stderr: " + run.err().strip().replace("\n", " | "));
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.err()).as("a message, no stack trace").isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    private List<String> containers(String format) throws Exception {
        return engine.docker("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format", format)
                .lines().sorted().toList();
    }

    @Test
    void upKilledMidwayEndsWithAMessageAndASecondUpCompletesWithoutDuplicates() throws Exception {
        // each service waits for the one before to be healthy: the engine dies while up is between them
        Files.writeString(file, """
                services:
                  a:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    network_mode: none
                    stop_grace_period: 1s
                    healthcheck: {test: ["CMD", "true"], interval: 1s, retries: 30}
                  b:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    network_mode: none
                    stop_grace_period: 1s
                    healthcheck: {test: ["CMD", "true"], interval: 1s, retries: 30}
                    depends_on: {a: {condition: service_healthy}}
                  c:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    network_mode: none
                    stop_grace_period: 1s
                    depends_on: {b: {condition: service_healthy}}
                """.replace("IMAGE", TestEngine.BUSYBOX_IMAGE));
        Running up = start("up", "-d");
        await().atMost(Duration.ofSeconds(60)).until(() -> !containers("{{.Names}}").isEmpty() || up.exit().isDone());
        assertThat(up.exit()).as("up must still be running when the engine is killed").isNotDone();
        engine.kill();
        assertEndedWithAMessage(up.await(Duration.ofSeconds(60)), "1 (up)");

        engine.restart();
        Run again = berth("up", "-d");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(containers("{{.Names}} {{.State}}")).as("one container per service, no duplicates or orphans")
                .containsExactly(project + "-a-1 running", project + "-b-1 running", project + "-c-1 running");
        assertThat(berth("down", "-t", "0").exitCode()).isZero();
    }

    private void writeTicker() throws Exception {
        Files.writeString(file, """
                services:
                  ticker:
                    image: IMAGE
                    command: ["sh", "-c", "while true; do echo tick; sleep 0.1; done"]
                    network_mode: none
                    stop_grace_period: 1s
                """.replace("IMAGE", TestEngine.BUSYBOX_IMAGE));
        assertThat(berth("up", "-d").exitCode()).isZero();
    }

    @Test
    void logsFollowEndsWithAMessageWhenTheEngineDies() throws Exception {
        writeTicker();
        Running logs = start("logs", "-f");
        await().atMost(Duration.ofSeconds(30)).until(() -> logs.out().toString().contains("tick"));
        engine.kill();
        assertEndedWithAMessage(logs.await(Duration.ofSeconds(30)), "2 (logs -f)");
        engine.restart();
        berth("down", "-t", "0");
    }

    @Test
    void eventsEndsWithAMessageWhenTheEngineDies() throws Exception {
        writeTicker();
        Running events = start("events");
        Thread.sleep(1000); // subscribed
        engine.kill();
        assertEndedWithAMessage(events.await(Duration.ofSeconds(30)), "2 (events)");
        engine.restart();
        berth("down", "-t", "0");
    }

    @Test
    void attachedUpEndsWithAMessageWhenTheEngineDies() throws Exception {
        Files.writeString(file, """
                services:
                  ticker:
                    image: IMAGE
                    command: ["sh", "-c", "while true; do echo tick; sleep 0.1; done"]
                    network_mode: none
                    stop_grace_period: 1s
                """.replace("IMAGE", TestEngine.BUSYBOX_IMAGE));
        Running up = start("up");
        await().atMost(Duration.ofSeconds(60)).until(() -> up.out().toString().contains("tick") || up.exit().isDone());
        assertThat(up.exit()).as("attached up follows the logs until the engine dies").isNotDone();
        engine.kill();
        Run run = up.await(Duration.ofSeconds(30));
        assertEndedWithAMessage(run, "2 (attached up)");
        assertThat(run.err()).contains("Lost the connection to the engine");
        engine.restart();
        berth("down", "-t", "0");
    }

    @Test
    void streamingStatsEndsWithAMessageWhenTheEngineDies() throws Exception {
        writeTicker();
        Running stats = start("stats");
        await().atMost(Duration.ofSeconds(30)).until(() -> stats.out().toString().contains(project + "-ticker-1") || stats.exit().isDone());
        assertThat(stats.exit()).as("stats streams until the engine dies").isNotDone();
        engine.kill();
        Run run = stats.await(Duration.ofSeconds(30));
        assertEndedWithAMessage(run, "2 (stats)");
        assertThat(run.err()).startsWith("Stopped streaming the stats: ").contains(engine.host());
        engine.restart();
        berth("down", "-t", "0");
    }
}
