package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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

    /** {@code berth cp web:/srv/site -} writes the folder's tar to stdout; {@code berth cp - web:/dir} extracts one from stdin. */
    @Test
    void dashIsATarOnStdoutAndStdin() throws Exception {
        ok("exec", "-T", "--index", "1", "web", "sh", "-c", "mkdir -p /srv/site/css && echo '<h1>tar</h1>' > /srv/site/index.html"
                + " && echo 'p {}' > /srv/site/css/a.css");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Run out = project.berthBytes(new byte[0], tar, "cp", "web:/srv/site", "-");
        assertThat(out.exitCode()).as(out.toString()).isZero();
        Map<String, String> entries = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), entry.isDirectory() ? "<dir>" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsEntry("site/index.html", "<h1>tar</h1>\n").containsEntry("site/css/a.css", "p {}\n")
                .containsKey("site/");

        // The same tar back in, into another folder of the other replica: docker's "cp - CONTAINER:DIR".
        ok("exec", "-T", "--index", "2", "web", "mkdir", "-p", "/srv/from-tar");
        Run in = project.berthBytes(tar.toByteArray(), new ByteArrayOutputStream(), "cp", "--index", "2", "-", "web:/srv/from-tar");
        assertThat(in.exitCode()).as(in.toString()).isZero();
        assertThat(ok("exec", "-T", "--index", "2", "web", "cat", "/srv/from-tar/site/css/a.css").out()).isEqualTo("p {}\n");
        assertThat(ok("exec", "-T", "--index", "2", "web", "cat", "/srv/from-tar/site/index.html").out()).isEqualTo("<h1>tar</h1>\n");

        Run missing = project.berthBytes(new byte[0], new ByteArrayOutputStream(), "cp", "web:/no/such", "-");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Could not find /no/such in container");
    }
}
