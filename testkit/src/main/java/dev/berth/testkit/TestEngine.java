package dev.berth.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine the integration tests run against. Located once per JVM: if nothing answers on the socket,
 * the repository's {@code .ci/start-engine} starts dockerd, and {@code .ci/build-test-images} builds the
 * local images (there is no registry to pull from).
 *
 * <p>Deliberately independent of engine-core: the fixture must not rely on the code under test.
 */
public final class TestEngine {

    /** The busybox image every engine test uses; built locally from Debian's static busybox. */
    public static final String BUSYBOX_IMAGE = "berth-test/busybox:latest";

    private static final Path SOCKET = Path.of(System.getenv().getOrDefault("BERTH_TEST_SOCKET", "/var/run/docker.sock"));
    private static volatile Availability availability;

    private TestEngine() {}

    /** The unix socket the engine answers on. */
    public static Path socket() {
        return SOCKET;
    }

    /** True when running under CI, where a missing engine must fail the build rather than skip tests. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Makes sure the engine answers and the test images exist; idempotent and cached per JVM. */
    public static synchronized Availability ensureAvailable() {
        if (availability == null) {
            availability = prepare();
        }
        return availability;
    }

    private static Availability prepare() {
        Path repo = repositoryRoot();
        if (!ping() && repo != null) {
            String out = runScript(repo.resolve(".ci/start-engine"), Duration.ofSeconds(90));
            if (!ping()) {
                return Availability.missing("no engine answers on " + SOCKET + "; .ci/start-engine said:\n" + out);
            }
        }
        if (!ping()) {
            return Availability.missing("no engine answers on " + SOCKET + " and .ci/start-engine was not found");
        }
        if (repo != null) {
            String out = runScript(repo.resolve(".ci/build-test-images"), Duration.ofMinutes(3));
            if (out.contains("failed")) {
                return Availability.missing("building the test images failed:\n" + out);
            }
        }
        return Availability.ready();
    }

    /** One {@code GET /_ping} over the unix socket, with a short timeout. */
    public static boolean ping() {
        return ping(SOCKET);
    }

    /** One {@code GET /_ping} over {@code socket}, with a short timeout: true when an engine answers 200. */
    public static boolean ping(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(512);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (buffer.position() < 12 && System.nanoTime() < deadline && channel.read(buffer) >= 0) {
                // read until the status line is in
            }
            String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.0 200");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String runScript(Path script, Duration timeout) {
        if (!Files.isExecutable(script)) {
            return script + " is missing";
        }
        try {
            Process process = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return script + " timed out after " + timeout.toSeconds() + " s";
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? out : out + "\n" + script.getFileName() + " failed (exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return script + " could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return script + " interrupted";
        }
    }

    /** The checkout's root: the nearest ancestor of the working directory holding {@code .ci/start-engine}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".ci/start-engine"))) {
                return dir;
            }
        }
        return null;
    }

    /** Whether the engine can be used, and if not, why. */
    public record Availability(boolean isReady, String problem) {
        static Availability ready() {
            return new Availability(true, "");
        }

        static Availability missing(String problem) {
            return new Availability(false, problem);
        }
    }
}
