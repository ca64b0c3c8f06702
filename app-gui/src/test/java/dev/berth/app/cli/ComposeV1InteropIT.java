package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with Debian's {@code docker-compose} (v1, Python): each tool sees, lists and removes
 * the other's projects through the {@code com.docker.compose.*} labels alone. v1 names containers
 * {@code <project>_<service>_<n>}; Berth must recognise them by labels, not by names. Skipped when
 * docker-compose is absent outside CI; under {@code CI=true} its absence is a failure.
 */
@RequiresEngine
class ComposeV1InteropIT {

    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");

    private final CliProject project = new CliProject("cliv");

    private static final String PROJECT = """
            services:
              web:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
              db:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
            """;

    @BeforeEach
    void needsDockerCompose() {
        if (!Files.isExecutable(DOCKER_COMPOSE)) {
            if (TestEngine.underCi()) {
                fail("CI=true but " + DOCKER_COMPOSE + " is missing: install Debian's docker-compose (apt-get install docker-compose)");
            }
            Assumptions.abort("docker-compose (v1) is not installed at " + DOCKER_COMPOSE
                    + ": interop tests skipped (apt-get install docker-compose to run them)");
        }
        project.write(PROJECT);
    }

    @AfterEach
    void cleanUp() throws Exception {
        project.close();
        if (Files.isExecutable(DOCKER_COMPOSE)) {
            dockerCompose("down", "-v", "-t", "0");
        }
    }

    @Test
    void aProjectStartedByDockerComposeV1IsListedAndRemovedByBerth() throws Exception {
        Run v1up = dockerCompose("up", "-d");
        assertThat(v1up.exitCode()).as(v1up.toString()).isZero();

        Run ls = CliProject.raw("-H", CliProject.HOST, "ls");
        assertThat(ls.out()).containsPattern(project.name + "\\s+running\\(2\\)");
        Run ps = CliProject.raw("-H", CliProject.HOST, "-p", project.name, "ps");
        assertThat(ps.out()).contains(project.name + "_web_1", project.name + "_db_1");
        Run services = CliProject.raw("-H", CliProject.HOST, "-p", project.name, "ps", "--services");
        assertThat(services.out().lines()).containsExactly("db", "web");

        Run down = CliProject.raw("-H", CliProject.HOST, "-p", project.name, "down", "-t", "0");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.err()).contains("Network " + project.name + "_default  Removed");
        assertThat(CliProject.raw("-H", CliProject.HOST, "-p", project.name, "ps", "-a", "-q").out()).isEmpty();
        assertThat(dockerCompose("ps", "-q").out().strip()).isEmpty();
    }

    @Test
    void aProjectStartedByBerthIsListedAndRemovedByDockerComposeV1() throws Exception {
        Run up = project.berth("up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();

        Run v1ps = dockerCompose("ps");
        assertThat(v1ps.exitCode()).as(v1ps.toString()).isZero();
        assertThat(v1ps.out()).contains(project.name + "-web-1", project.name + "-db-1").contains("Up");

        Run v1down = dockerCompose("down", "-t", "0");
        assertThat(v1down.exitCode()).as(v1down.toString()).isZero();
        assertThat(project.berth("ps", "-a", "-q").out()).isEmpty();
        assertThat(CliProject.raw("-H", CliProject.HOST, "ls", "-a", "-q").out().lines()).doesNotContain(project.name);
    }

    private Run dockerCompose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString(), "-f", project.file.toString(), "-p", project.name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.dir.toFile());
        builder.environment().put("DOCKER_HOST", CliProject.HOST);
        Path out = Files.createTempFile("v1-out", ".txt");
        Path err = Files.createTempFile("v1-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker-compose " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }
}
