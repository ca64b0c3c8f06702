package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code exec} and {@code run} on a real terminal: the CLI runs as a child JVM inside util-linux
 * {@code script}, which gives it a pseudo-terminal, so the TTY path (allocation, raw mode through stty)
 * is exercised as a user at a terminal would.
 */
@RequiresEngine
class TerminalCliIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private final CliProject project = new CliProject("clitty");

    @BeforeEach
    void upProject() {
        // script(1) is in Debian's essential bsdutils, so CI always has it: there a missing one is a failure.
        assumeTrue(Files.isExecutable(SCRIPT) || TestEngine.underCi(), "util-linux script is needed to give the CLI a terminal");
        project.write("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """);
        Run up = project.berth("up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();
    }

    @AfterEach
    void cleanUp() {
        project.close();
    }

    @Test
    void execOnATerminalAllocatesATtyAndKeepsTheExitCode() throws Exception {
        Run run = onTerminal("exec web sh -c 'tty; exit 3'");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("/dev/pts/");
    }

    @Test
    void execWithMinusTOnATerminalHasNoTty() throws Exception {
        Run run = onTerminal("exec -T web sh -c 'tty || echo no-tty-here'");

        assertThat(run.out()).as(run.toString()).contains("no-tty-here");
    }

    @Test
    void runOnATerminalIsInteractiveWithATty() throws Exception {
        Run run = onTerminal("run --rm web sh -c 'test -t 0 && test -t 1 && echo has-a-terminal'");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("has-a-terminal");
        assertThat(project.berth("ps", "-a", "--format", "json").out()).doesNotContain("-run-");
    }

    @Test
    void theRemoteTtyGetsTheTerminalsSize() throws Exception {
        assertThat(onTerminal("exec web sh -c 'sleep 1; stty size'").out()).contains("30 101");
        assertThat(onTerminal("run --rm web sh -c 'sleep 1; stty size'").out()).contains("30 101");
    }

    /** Runs {@code berth -H … -f … -p … ARGS} under {@code script} on a 30×101 terminal; out is everything the terminal showed. */
    private Run onTerminal(String args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty rows 30 cols 101; '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.berth.app.Main -H " + CliProject.HOST
                + " -f '" + project.file + "' -p " + project.name + " " + args;
        Path transcript = Files.createTempFile("berth-tty", ".txt");
        Process process = new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c", command, transcript.toString())
                .redirectErrorStream(true).start();
        byte[] output;
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("berth under script finished").isTrue();
            output = process.getInputStream().readAllBytes();
        } finally {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(transcript);
        return new Run(process.exitValue(), text, "");
    }
}
