package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 10 of the reliability campaign at the command line: {@code berth config -f} on files no compose file
 * should be. Each exits non-zero with the loader's one diagnostic and no stack trace (the loader's own cases
 * are in compose-model's {@code HostileInputTest}); the unreadable file is met as {@code nobody}.
 */
class HostileComposeFilesCliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertDiagnosticOnly(int exitCode, String err, String expected) {
        assertThat(exitCode).as(err).isNotZero();
        assertThat(err).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        System.out.println("fault 10 (cli): " + err.strip().replace('\n', ' '));
    }

    @Test
    void aDirectoryGivenWithDashF() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("compose.yaml"));
        Run run = berth("config", "-f", directory.toString());
        assertDiagnosticOnly(run.exitCode(), run.err(), "read " + directory + ": is a directory");
    }

    @Test
    void aBinaryFileGivenWithDashF() throws Exception {
        Path png = Files.copy(Path.of("..", "icons", "berth-64.png"), dir.resolve("berth.png"));
        Run run = berth("config", "-f", png.toString());
        assertDiagnosticOnly(run.exitCode(), run.err(), "is not UTF-8 text (a binary file?)");
    }

    @Test
    void anUnreadableFileAsAnotherUser() throws Exception {
        assumeTrue(AsNobody.possible(), "only root with setpriv can switch to a user the file refuses");
        Path file = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        AsNobody.Run run = AsNobody.berth(dir, "config", "-f", file.toString());
        assertDiagnosticOnly(run.exitCode(), run.err(), "open " + file + ": permission denied");
        assertThat(Files.readString(file)).as("the file is untouched").isEqualTo("services:\n  web:\n    image: busybox\n");
    }
}
