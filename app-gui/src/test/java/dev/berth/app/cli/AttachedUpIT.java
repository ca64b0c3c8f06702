package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attached {@code up}: merged logs, the exit when containers exit, and Ctrl-C. Signals need a real
 * process, so those tests run the CLI as a child JVM ({@code java -cp … dev.berth.app.Main}) and send
 * it SIGINT with {@code kill -INT}.
 */
@RequiresEngine
class AttachedUpIT {

    private final CliProject project = new CliProject("clia");
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        project.close();
    }

    @Test
    void attachedUpStreamsLogsAndReturnsWhenContainersExit() {
        project.write("""
                services:
                  app:
                    image: IMAGE
                    command: ["sh", "-c", "echo working; sleep 1; echo done; exit 5"]
                  side:
                    image: IMAGE
                    command: ["sh", "-c", "echo side says hi"]
                """);

        Run plain = project.berth("up");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("Attaching to ").contains(project.name + "-app-1   | working")
                .contains(project.name + "-app-1   | done").contains(project.name + "-side-1  | side says hi")
                .contains(project.name + "-app-1 exited with code 5");

        Run exitCode = project.berth("up", "--exit-code-from", "app");
        assertThat(exitCode.exitCode()).as(exitCode.toString()).isEqualTo(5);
    }

    @Test
    void attachedUpFollowsAContainerThroughItsRestarts() {
        project.write("""
                services:
                  flaky:
                    image: IMAGE
                    command: ["sh", "-c", "echo attempt; sleep 1; exit 3"]
                    restart: "on-failure:2"
                """);

        Run up = project.berth("up");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out().lines().filter(line -> line.endsWith("| attempt"))).as(up.toString()).hasSize(3);
        assertThat(up.out().lines().filter(line -> line.endsWith("exited with code 3"))).hasSize(3);
    }

    @Test
    void ctrlCStopsTheProjectGracefully() throws Exception {
        project.write("""
                services:
                  ticker:
                    image: IMAGE
                    command: ["sh", "-c", "trap 'echo bye; exit 0' TERM; while true; do echo tick; sleep 0.2; done"]
                  db:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """);
        StringBuilder output = start("up");
        await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains("-ticker-1  | tick"));

        signal("INT");

        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(output.toString()).isTrue();
        assertThat(child.exitValue()).isEqualTo(130);
        assertThat(output.toString()).contains("Gracefully stopping...").contains("-ticker-1  | bye");
        assertThat(project.berth("ps", "-q").out()).as("every container stopped").isEmpty();
        assertThat(project.berth("ps", "-a", "-q").out().lines()).as("but not removed").hasSize(2);
    }

    @Test
    void aSecondCtrlCKillsInsteadOfWaiting() throws Exception {
        project.write("""
                services:
                  stubborn:
                    image: IMAGE
                    command: ["sh", "-c", "trap '' TERM; while true; do echo still here; sleep 0.2; done"]
                    stop_grace_period: 60s
                """);
        StringBuilder output = start("up");
        await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains("still here"));

        long start = System.nanoTime();
        signal("INT");
        await().atMost(Duration.ofSeconds(10)).until(() -> output.toString().contains("Gracefully stopping"));
        signal("INT");

        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(output.toString()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(project.berth("ps", "-q").out()).isEmpty();
    }

    /** Starts the CLI as a child JVM; its stdout and stderr are collected together. */
    private StringBuilder start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.berth.app.Main",
                "-H", CliProject.HOST, "-f", project.file.toString(), "-p", project.name));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        InputStream in = child.getInputStream();
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (output) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        return output;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
