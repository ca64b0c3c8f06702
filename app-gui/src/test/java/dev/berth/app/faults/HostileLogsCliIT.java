package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.BerthCli;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 fault 7 at the command line: containers write hostile output (1 MiB lines, a 6 MiB line without
 * end, binary data, invalid UTF-8, ANSI floods, 100,000 lines in a burst; each with and without a TTY), and
 * {@code berth logs} — a separate JVM with a 64 MiB heap writing to a file, as a user's shell would run it —
 * must print exactly the bytes the engine holds, and {@code logs -f} must end when the containers do.
 * The engine's bytes are read over its socket by the test itself ({@link HostileOutput#engineBytes}).
 */
@RequiresEngine
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileLogsCliIT {

    private static final String HOST = "unix://" + TestEngine.socket();

    @TempDir
    static Path dir;

    private static final String PROJECT = "hostile" + UUID.randomUUID().toString().substring(0, 8);
    private static Path file;

    @BeforeAll
    static void upAndFollow() throws Exception {
        file = dir.resolve("compose.yaml");
        Files.writeString(file, HostileOutput.composeFile(PROJECT, 4));
        assertThat(inProcess("up", "-d")).isZero();
    }

    @AfterAll
    static void down() {
        inProcess("down", "-t", "0");
    }

    private static int inProcess(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", HOST, "-f", file.toString(), "-p", PROJECT));
        all.addAll(Arrays.asList(args));
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), all.toArray(String[]::new));
        if (code != 0) {
            System.out.println("berth " + String.join(" ", args) + ": " + err);
        }
        return code;
    }

    /** {@code berth ARGS} in its own JVM ({@code -Xmx64m}); stdout goes to {@code out} as bytes. */
    private static Child berth(Path out, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx64m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.berth.app.Main",
                "-H", HOST, "-f", file.toString(), "-p", PROJECT));
        command.addAll(Arrays.asList(args));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not end within 180 s: " + err);
        }
        return new Child(process.exitValue(), err, (System.nanoTime() - started) / 1e9);
    }

    private record Child(int exitCode, String err, double seconds) {}

    @Test
    @Order(1)
    void logsFollowOnEveryHostileContainerEndsWithinBoundedMemoryAndPrintsEveryLine() throws Exception {
        // Started while the containers still sleep: it follows the output as it is written.
        Path out = dir.resolve("follow.out");
        Child follow = berth(out, "logs", "-f", "--no-color");
        byte[] bytes = Files.readAllBytes(out);
        String text = new String(bytes, StandardCharsets.UTF_8);
        System.out.printf("HOSTILE LOGS -f: %,d bytes in %.1f s (%.1f MB/s) under -Xmx64m, exit %d%n",
                bytes.length, follow.seconds(), bytes.length / 1e6 / follow.seconds(), follow.exitCode());
        assertThat(follow.exitCode()).as(follow.err()).isZero();
        assertThat(follow.err()).doesNotContain("Exception").doesNotContain("OutOfMemory");
        for (HostileOutput.Service service : HostileOutput.SERVICES) {
            assertThat(text).as(service.name()).contains(PROJECT + "-" + service.name() + "-1 exited with code 0");
        }
        // Every burst line whole (prefix, text, nothing torn or glued). Not all 200,000: the engine's own follow
        // of json-file logs loses lines under fast concurrent writers — `docker logs -f` on five such containers
        // gave 28,833 of 100,000 in one of three rounds — so the exact count is checked without -f below.
        List<String> burst = text.lines().filter(line -> line.contains("burst line ")).toList();
        System.out.printf("HOSTILE LOGS -f: %,d of 200,000 burst lines came through the engine's follow%n", burst.size());
        assertThat(burst).isNotEmpty().hasSizeLessThanOrEqualTo(200_000)
                .allMatch(line -> line.matches(PROJECT + "-burst(-tty)?-1 +\\| burst line \\d+\r?"));
        assertThat(text).contains("visible after the unterminated escapes", "after the endless line", "after the binary");
    }

    @Test
    @Order(2)
    void logsPrintsExactlyTheBytesTheEngineHolds() throws Exception {
        for (HostileOutput.Service service : HostileOutput.SERVICES) {
            boolean tty = service.tty();
            String name = service.name();
            String container = PROJECT + "-" + name + "-1";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!HostileOutput.exited(container) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            byte[] engine = HostileOutput.engineBytes(container, tty);
            Path out = dir.resolve(name + ".out");
            Child logs = berth(out, "logs", "--no-log-prefix", "--no-color", name);
            byte[] berth = Files.readAllBytes(out);
            System.out.printf("HOSTILE LOGS %s: engine %,d bytes, berth logs %,d bytes in %.1f s%n", name, engine.length, berth.length, logs.seconds());
            assertThat(logs.exitCode()).as(logs.err()).isZero();
            // As Compose, an output that does not end with a line break gets one, so the shell prompt
            // starts on its own line; everything before is byte for byte the engine's.
            byte[] expected = engine.length > 0 && engine[engine.length - 1] != '\n'
                    ? Arrays.copyOf(engine, engine.length + 1) : engine;
            expected[expected.length - 1] = '\n';
            assertThat(engine.length).as(name + ": the engine has the output").isGreaterThan(100);
            assertThat(firstDifference(berth, expected)).as(name + ": first byte where berth logs differs from the engine").isEqualTo(-1);
            if (service.kind().equals("invalid")) {
                // json-file stored U+FFFD for the bad bytes; local kept them, and so did berth logs
                assertThat(new String(engine, StandardCharsets.ISO_8859_1).contains("\u00EF\u00BF\u00BD"))
                        .as(name + ": the engine holds U+FFFD's bytes EF BF BD").isEqualTo(!service.localDriver());
                assertThat(Arrays.equals(new String(engine, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), engine))
                        .as(name + ": the engine's bytes are UTF-8").isEqualTo(!service.localDriver());
            }
        }
    }

    /**
     * {@code logs -t}: each line starts with the engine's own timestamp, nine digits always (docker's
     * RFC3339NanoFixed; {@code Instant.toString()} dropped trailing zeros, so the columns did not line up). Only
     * services whose lines are shorter than the engine's 16 KiB pieces: each piece has a timestamp of its own.
     */
    @Test
    @Order(3)
    void logsWithTimestampsPrintsTheEnginesTimestampsByteForByte() throws Exception {
        for (String name : List.of("invalid", "invalid-tty", "invalid-local", "invalid-local-tty")) {
            String container = PROJECT + "-" + name + "-1";
            byte[] engine = HostileOutput.engineBytes(container, name.endsWith("-tty"), "&timestamps=1");
            Path out = dir.resolve(name + "-t.out");
            Child logs = berth(out, "logs", "-t", "--no-log-prefix", "--no-color", name);
            byte[] berth = Files.readAllBytes(out);
            System.out.printf("HOSTILE LOGS -t %s: engine %,d bytes, berth logs %,d bytes%n", name, engine.length, berth.length);
            assertThat(logs.exitCode()).as(logs.err()).isZero();
            assertThat(new String(engine, StandardCharsets.ISO_8859_1)).as("the engine's timestamps have nine digits")
                    .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z ");
            assertThat(firstDifference(berth, engine)).as(name + ": first byte where berth logs -t differs from the engine").isEqualTo(-1);
        }
    }

    /** The first index where the two differ (or the shorter length), -1 when equal; with context on failure. */
    private static long firstDifference(byte[] actual, byte[] expected) {
        int n = Math.min(actual.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (actual[i] != expected[i]) {
                System.out.println("  differs at " + i + ": berth " + hex(actual, i) + " / engine " + hex(expected, i));
                return i;
            }
        }
        if (actual.length != expected.length) {
            System.out.println("  lengths differ: berth " + actual.length + ", engine " + expected.length + "; tail berth "
                    + hex(actual, Math.max(0, n - 8)) + " / engine " + hex(expected, Math.max(0, n - 8)));
            return n;
        }
        return -1;
    }

    private static String hex(byte[] bytes, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, from - 8); i < Math.min(bytes.length, from + 16); i++) {
            sb.append(String.format("%02x", bytes[i] & 0xff)).append(i == from - 1 ? " |" : "").append(' ');
        }
        return sb.toString();
    }
}
