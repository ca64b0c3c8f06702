package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth cp} both ways on the real engine, as {@code docker compose cp}. */
@RequiresEngine
class CpCliIT {

    private final CliProject project = new CliProject("cp");

    @TempDir
    Path host;

    @BeforeEach
    void up() {
        project.write("""
                services:
                  web:
                    image: IMAGE
                    command: ["sh", "-c", "mkdir -p /srv && exec sleep 3600"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 2
                """);
        Run up = project.berth("up", "-d", "--wait");
        assertThat(up.exitCode()).as(up.toString()).isZero();
    }

    @AfterEach
    void cleanUp() {
        project.close();
    }

    private Run ok(String... args) {
        Run run = project.berth(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void copiesAFolderIntoEveryReplicaAndBackOut() throws Exception {
        Path site = Files.createDirectories(host.resolve("site/css"));
        Files.writeString(site.resolve("main.css"), "body {}\n");
        Files.writeString(host.resolve("site/index.html"), "<h1>hi</h1>\n");

        ok("cp", host.resolve("site").toString(), "web:/srv");

        assertThat(ok("exec", "-T", "--index", "1", "web", "cat", "/srv/site/index.html").out()).isEqualTo("<h1>hi</h1>\n");
        assertThat(ok("exec", "-T", "--index", "2", "web", "cat", "/srv/site/css/main.css").out()).isEqualTo("body {}\n");

        ok("exec", "-T", "--index", "2", "web", "sh", "-c", "echo second > /srv/site/who");
        Path back = Files.createDirectories(host.resolve("back"));
        ok("cp", "--index", "2", "web:/srv/site", back.toString());
        assertThat(back.resolve("site/who")).hasContent("second");
        assertThat(back.resolve("site/css/main.css")).hasContent("body {}");
    }

    @Test
    void copiesAFileBothWaysAndIntoAStoppedContainer() throws Exception {
        Path file = Files.writeString(host.resolve("app.env"), "MODE=dev\n");
        ok("cp", "--index", "1", file.toString(), "web:/srv/renamed.env");
        ok("cp", "web:/srv/renamed.env", host.resolve("out.env").toString());
        assertThat(host.resolve("out.env")).hasContent("MODE=dev");

        ok("stop", "web");
        Files.writeString(file, "MODE=stopped\n");
        ok("cp", "--index", "1", file.toString(), "web:/srv/");
        ok("cp", "web:/srv/app.env", host.resolve("stopped.env").toString());
        assertThat(host.resolve("stopped.env")).hasContent("MODE=stopped");
    }

    @Test
    void aMissingPathIsAClearError() {
        Run missing = project.berth("cp", "web:/no/such/file", host.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Could not find /no/such/file in container");

        Run noService = project.berth("cp", host.toString(), "nosuch:/srv");
        assertThat(noService.exitCode()).isEqualTo(1);
        assertThat(noService.err()).contains("nosuch");

        Run local = project.berth("cp", host.toString(), host.resolve("x").toString());
        assertThat(local.exitCode()).isEqualTo(1);
        assertThat(local.err()).contains("one of SRC and DEST must be SERVICE:PATH");
    }
}
