package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BerthCliTest {

    @Test
    void unknownCommandExitsWithUsageErrorAndSaysWhy() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "frobnicate");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void helpPrintsTheUsageAndEachCommandWithItsDescription() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--help");
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("Usage: berth ")
                .containsPattern("(?m)^  up\\s+Create and start containers\\.$")
                .containsPattern("(?m)^  version\\s+Show the Berth version and the engine it talks to\\.$");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : List.of("up", "down", "ps", "logs", "rm", "exec", "config", "version", "engine")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), command, "--help");
            assertThat(exit).as(command + " --help: " + err).isZero();
            assertThat(out.toString()).as(command + " --help").startsWith("Usage: berth " + command + " ").contains("-h, --help");
        }
        StringWriter out = new StringWriter();
        BerthCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "up", "--help");
        assertThat(out.toString()).contains("--abort-on-container-exit").contains("--exit-code-from=SERVICE");
    }

    @Test
    void helpListsEveryComposeCommand() {
        StringWriter out = new StringWriter();
        BerthCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
        for (String command : List.of("up", "down", "ps", "ls", "create", "start", "stop", "restart", "pause", "unpause", "kill",
                "rm", "pull", "build", "images", "logs", "exec", "run", "top", "stats", "events", "port", "cp", "config", "version", "engine")) {
            assertThat(out.toString()).containsPattern("(?m)^  " + command + "\\s");
        }
    }

    @Test
    void findsTheSubcommandPastGlobalOptionsAndTheirValues() {
        var root = BerthCli.rootSpec();
        assertThat(BerthCli.subcommandName(root, "-f", "-", "-p", "up", "--profile=x", "config", "-q")).isEqualTo("config");
        assertThat(BerthCli.subcommandName(root, "-H", "unix:///x.sock", "--progress", "json", "up", "-d")).isEqualTo("up");
        assertThat(BerthCli.subcommandName(root, "--help")).isNull();
        assertThat(BerthCli.commandNamed("help")).isEmpty();
        assertThat(BerthCli.commandNamed("frobnicate")).isEmpty();
        assertThat(BerthCli.commandNamed("rm")).contains(LifecycleCommands.Remove.class);
    }

    @Test
    void execStopsAtTheServiceEvenWhenRegisteredAlone() {
        StringWriter err = new StringWriter();
        // "-it" after the service belongs to the container's command; Berth's parser must not read it.
        int exit = BerthCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "-H", "unix:///nonexistent/berth-test.sock", "-p", "nothing", "exec", "web", "ls", "--frobnicate");
        assertThat(err.toString()).doesNotContain("Unknown option");
        assertThat(exit).isNotEqualTo(2);
    }

    @Test
    void badFlagValuesAreUsageErrorsNamingTheFlag() {
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "down", "--rmi", "some");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--rmi");
    }

    @Test
    void incompatibleRecreateFlagsAreRejectedBeforeAnythingRuns() {
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "-H", "unix:///nonexistent.sock", "-f", "/nonexistent/compose.yaml", "up", "--force-recreate", "--no-recreate");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--force-recreate and --no-recreate are incompatible");
    }

    @Test
    void execTreatsEverythingAfterTheServiceAsTheCommand() {
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "-H", "unix:///nonexistent.sock", "-p", "demo", "exec", "-T", "web", "ls", "-l", "--color");
        assertThat(err.toString()).doesNotContain("Unknown option").contains("/nonexistent.sock");
        assertThat(exit).isEqualTo(1);
    }
}
