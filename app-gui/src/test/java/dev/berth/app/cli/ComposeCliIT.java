package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineJson;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The project commands in-process on the real engine: up/ps/ls/down, plans, profiles, env files, orphans, lifecycle. */
@RequiresEngine
class ComposeCliIT {

    private final CliProject project = new CliProject("clit");

    @AfterEach
    void cleanUp() {
        project.close();
    }

    private static final String TWO_SERVICES = """
            services:
              db:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
              web:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                depends_on: [db]
            """;

    @Test
    void upDetachedThenPsLsAndDownLikeCompose() {
        project.write(TWO_SERVICES);

        Run up = project.berth("up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.err()).contains("Container " + project.name + "-web-1  Started");

        Run ps = project.berth("ps");
        assertThat(ps.exitCode()).as(ps.toString()).isZero();
        assertThat(ps.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("IMAGE", "SERVICE", "STATUS", "PORTS");
        assertThat(ps.out()).contains(project.name + "-db-1", project.name + "-web-1").contains("Up ");

        Run quiet = project.berth("ps", "-q");
        assertThat(quiet.out().lines()).hasSize(2).allMatch(line -> line.matches("[0-9a-f]{64}"));

        Run json = project.berth("ps", "--format", "json", "web");
        Map<?, ?> row = EngineJson.MAPPER.readValue(json.out().lines().findFirst().orElseThrow(), Map.class);
        assertThat(row.get("Name")).isEqualTo(project.name + "-web-1");
        assertThat(row.get("Service")).isEqualTo("web");
        assertThat(row.get("State")).isEqualTo("running");

        Run ls = CliProject.raw("-H", CliProject.HOST, "ls");
        assertThat(ls.out()).containsPattern(project.name + "\\s+running\\(2\\)\\s+" + project.file);
        Run lsJson = CliProject.raw("-H", CliProject.HOST, "ls", "--format", "json");
        List<?> projects = EngineJson.MAPPER.readValue(lsJson.out(), List.class);
        assertThat(projects).anySatisfy(p -> assertThat(((Map<?, ?>) p).get("Name")).isEqualTo(project.name));

        Run down = CliProject.raw("-H", CliProject.HOST, "-p", project.name, "down", "-t", "0");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(project.berth("ps", "-a", "-q").out()).isEmpty();
        assertThat(CliProject.raw("-H", CliProject.HOST, "ls", "-a", "-q").out().lines()).doesNotContain(project.name);
        assertThat(CliProject.raw("-H", CliProject.HOST, "-p", project.name, "down").exitCode()).as("down is idempotent").isZero();
    }

    @Test
    void dryRunPrintsThePlanWithReasonsAndChangesNothing() {
        project.write(TWO_SERVICES);

        Run first = project.berth("up", "--dry-run");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Plan for project " + project.name).contains("create", project.name + "-web-1");
        assertThat(project.berth("ps", "-a", "-q").out()).isEmpty();

        Run json = CliProject.raw("-H", CliProject.HOST, "-f", project.file.toString(), "-p", project.name, "--progress", "json",
                "up", "-d");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.err().lines()).isNotEmpty().allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        assertThat(json.err()).contains(project.name + "-web-1");
        project.write(TWO_SERVICES + """
                    environment:
                      CHANGED: "yes"
                """);
        Run changed = project.berth("up", "--dry-run");
        assertThat(changed.out()).contains("recreate").contains(project.name + "-web-1").contains("environment.CHANGED");
        assertThat(changed.out()).containsPattern("unchanged Container " + project.name + "-db-1");
    }

    @Test
    void profilesAndEnvFilesShapeTheProject() {
        project.write("""
                services:
                  app:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    environment:
                      GREETING: ${GREETING:-unset}
                  debug:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    profiles: [debug]
                """);
        project.write("custom.env", "GREETING=from-env-file\n");

        Run up = CliProject.raw("-H", CliProject.HOST, "-f", project.file.toString(), "-p", project.name,
                "--env-file", project.dir.resolve("custom.env").toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(project.berth("ps", "--services").out().lines()).containsExactly("app");
        assertThat(project.berth("exec", "-T", "app", "sh", "-c", "echo $GREETING").out()).isEqualTo("from-env-file\n");

        Run notEnabled = project.berth("up", "-d", "debug");
        assertThat(notEnabled.exitCode()).isEqualTo(1);
        assertThat(notEnabled.err()).contains("no such service: debug").contains("--profile");

        Run withProfile = CliProject.raw("-H", CliProject.HOST, "-f", project.file.toString(), "-p", project.name,
                "--profile", "debug", "up", "-d");
        assertThat(withProfile.exitCode()).as(withProfile.toString()).isZero();
        assertThat(project.berth("ps", "--services").out().lines()).containsExactly("app", "debug");
    }

    @Test
    void orphansAreReportedAndRemovedWithRemoveOrphans() {
        project.write(TWO_SERVICES);
        project.berth("up", "-d");
        project.write("""
                services:
                  db:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """);

        Run kept = project.berth("up", "-d");
        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        assertThat(kept.err()).containsIgnoringCase("orphan").contains(project.name + "-web-1");
        assertThat(project.berth("ps", "-a", "--services").out().lines()).contains("web");

        Run removed = project.berth("up", "-d", "--remove-orphans");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(project.berth("ps", "-a", "--services").out().lines()).containsExactly("db");
    }

    @Test
    void lifecycleVerbsStopStartPauseKillAndRemove() {
        project.write(TWO_SERVICES);
        project.berth("up", "-d");

        assertThat(project.berth("pause", "web").exitCode()).isZero();
        assertThat(project.berth("ps", "--format", "json", "web").out()).contains("\"State\":\"paused\"");
        assertThat(project.berth("unpause", "web").exitCode()).isZero();
        assertThat(project.berth("ps", "--format", "json", "web").out()).contains("\"State\":\"running\"");

        Run kill = project.berth("kill", "-s", "SIGKILL", "web");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(project.berth("ps", "-a", "--format", "json", "web").out()).contains("\"State\":\"exited\"");
        assertThat(project.berth("ps", "-q").out().lines()).hasSize(1);

        Run rm = project.berth("rm", "-f");
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.err()).contains("Container " + project.name + "-web-1  Removed");
        assertThat(project.berth("ps", "-a", "--services").out().lines()).containsExactly("db");

        assertThat(project.berth("stop", "-t", "0").exitCode()).isZero();
        assertThat(project.berth("ps", "-q").out()).isEmpty();
        assertThat(project.berth("start").exitCode()).isZero();
        assertThat(project.berth("ps", "-q").out().lines()).hasSize(1);
        Run rmStop = project.berth("rm", "-f", "-s");
        assertThat(rmStop.exitCode()).as(rmStop.toString()).isZero();
        assertThat(project.berth("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    void downKeepsVolumesUnlessMinusV() {
        project.write("""
                services:
                  db:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    volumes: [data:/data]
                volumes:
                  data:
                """);
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            project.berth("up", "-d");
            assertThat(project.berth("down", "-t", "0").exitCode()).isZero();
            assertThat(client.volumes().inspect(project.name + "_data").name()).as("kept without -v").isEqualTo(project.name + "_data");

            project.berth("up", "-d");
            Run down = project.berth("down", "-v", "-t", "0");
            assertThat(down.exitCode()).as(down.toString()).isZero();
            assertThat(down.err()).contains("Volume " + project.name + "_data  Removed");
        }
    }

    @Test
    void failuresExitNonZeroWithAMessageAndNoStackTrace() {
        project.write(TWO_SERVICES);

        Run unknown = project.berth("up", "-d", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no such service: nope").doesNotContain("\tat ");

        project.write("services:\n  web:\n    image: IMAGE\n    ports: [\"not a port\"]\n");
        Run invalid = project.berth("up", "-d");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("compose.yaml:").doesNotContain("\tat ");

        project.write("services:\n  web:\n    image: berth-test/absent:latest\n");
        Run neverPull = project.berth("up", "-d", "--pull", "never");
        assertThat(neverPull.exitCode()).isEqualTo(1);
        assertThat(neverPull.err()).contains("service web: image berth-test/absent:latest is not on the engine")
                .contains("--pull never");

        Run noEngine = CliProject.raw("-H", "unix:///nonexistent.sock", "-p", project.name, "ps");
        assertThat(noEngine.exitCode()).isEqualTo(1);
        assertThat(noEngine.err()).contains("/nonexistent.sock").doesNotContain("\tat ");
    }
}
