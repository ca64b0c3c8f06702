package dev.berth.app.cli;

import dev.berth.testkit.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away Compose project for CLI tests: a unique name, a compose file in a temp dir, and
 * {@link #berth} running the CLI in-process with {@code -H <test engine> -f <file> -p <name>} in front.
 * {@link #close()} runs {@code down -v --remove-orphans -t 0}, so only this project's resources go.
 */
final class CliProject implements AutoCloseable {

    static final String HOST = "unix://" + TestEngine.socket();
    static final String IMAGE = TestEngine.BUSYBOX_IMAGE;

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    final String name;
    final Path dir;
    final Path file;

    CliProject(String area) {
        name = area + UUID.randomUUID().toString().substring(0, 8);
        try {
            dir = Files.createTempDirectory("berth-cli-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file = dir.resolve("compose.yaml");
    }

    CliProject write(String yaml) {
        return write("compose.yaml", yaml);
    }

    CliProject write(String fileName, String content) {
        try {
            Files.writeString(dir.resolve(fileName), content.replace("IMAGE", IMAGE).replace("PROJECT", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code berth -H … -f compose.yaml -p NAME ARGS…}. */
    Run berth(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", HOST, "-f", file.toString(), "-p", name));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** {@code berth …} with {@code stdin} as its input; what the command writes as bytes to stdout lands in {@code stdout}. */
    Run berthBytes(byte[] stdin, ByteArrayOutputStream stdout, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", HOST, "-f", file.toString(), "-p", name));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(stdin), stdout, false,
                all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** The CLI with exactly these arguments. */
    static Run raw(String... args) {
        return rawWithInput("", args);
    }

    static Run rawWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, args);
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        raw("-H", HOST, "-p", name, "down", "-v", "--remove-orphans", "-t", "0");
    }
}
