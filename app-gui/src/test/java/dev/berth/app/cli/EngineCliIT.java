package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code berth version} and {@code berth engine} run in-process against the real engine. */
@RequiresEngine
class EngineCliIT {

    record Run(int exitCode, String out, String err) {}

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static final String HOST = "unix://" + TestEngine.socket();

    @Test
    void versionPrintsBerthAndTheEngineOverTheSocket() {
        Run run = berth("-H", HOST, "version");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Berth ");
        assertThat(run.out()).containsPattern("Engine: Docker Engine \\S+ \\(API 1\\.\\d+, negotiated 1\\.\\d+\\)");
    }

    @Test
    void acceptsTheHostOptionAfterTheSubcommandToo() {
        Run run = berth("version", "--host", HOST);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Engine: Docker Engine");
    }

    @Test
    void versionFailsWithTheSocketItTriedWhenNoEngineAnswers() {
        long start = System.nanoTime();
        Run run = berth("-H", "unix:///nonexistent.sock", "version");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).startsWith("Berth ");
        assertThat(run.err()).contains("/nonexistent.sock").contains("does not exist");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void engineShowsTheEndpointHowItWasFoundAndTheHost() {
        Run run = berth("engine", "-H", HOST);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Endpoint:   " + HOST).contains("Found by:   -H/--host").contains("Engine:     Docker Engine")
                .contains("OS/arch:").contains("CPUs:").contains("Memory:").contains("Storage:    overlay2");
    }

    @Test
    void engineFailsFastWithAClearMessageForABogusHost() {
        long start = System.nanoTime();
        Run run = berth("engine", "-H", "unix:///nonexistent.sock");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No container engine answered").contains("unix:///nonexistent.sock");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void engineAllListsEveryCandidateAndMarksTheChosenOne() {
        Run run = berth("engine", "--all", "-H", HOST);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\* -H/--host .*Docker Engine");
        assertThat(run.out()).contains("Podman (rootful)").contains("(* = the engine Berth uses)");
    }
}
