package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth watch} as a child JVM (it runs until Ctrl-C): it brings the service up, prints that watch is
 * on, syncs a file written on the host into the container and says so, and stops on SIGINT.
 */
@RequiresEngine
class WatchCliIT {

    private final CliProject project = new CliProject("cliw");
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        project.close();
    }

    @Test
    void watchBringsTheServiceUpSyncsAChangeAndStopsOnCtrlC() throws Exception {
        Files.createDirectories(project.dir.resolve("src"));
        project.write("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    develop:
                      watch:
                        - action: sync
                          path: ./src
                          target: /tmp/src
                """);
        assertThat(project.berth("watch", "nosuch").err()).contains("no such service: nosuch");

        StringBuilder output = start("watch");
        await().atMost(Duration.ofSeconds(60)).until(() -> text(output).contains("Watch enabled"));
        assertThat(text(output)).contains("Watching " + project.dir.resolve("src").toRealPath() + " for service web (sync → /tmp/src)");

        Files.writeString(project.dir.resolve("src/index.html"), "<h1>hi</h1>\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> text(output).contains("Synced 1 file to " + project.name + "-web-1:/tmp/src"));
        Run cat = project.berth("exec", "-T", "web", "cat", "/tmp/src/index.html");
        assertThat(cat.out()).isEqualTo("<h1>hi</h1>\n");

        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as(text(output)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(text(output)).contains("Watch stopped.");
    }

    @Test
    void aProjectWithoutWatchRulesIsRefused() {
        project.write("""
                services:
                  web:
                    image: IMAGE
                """);
        Run run = project.berth("watch", "--no-up");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("None of the selected services is configured for watch");
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

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
}
