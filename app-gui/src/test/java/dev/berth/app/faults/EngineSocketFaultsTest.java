package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3 of the reliability campaign (docs/RELIABILITY.md), end to end: each broken socket made for real,
 * then {@code berth engine} and a project command ({@code berth ps}) run in-process. Each must exit 1 with one
 * sentence on stderr naming the fix and no stack trace, and the GUI's "no engine" panel (fed by
 * {@link EngineSession}'s {@link EngineState.Unavailable#explanation()}) must show the very same sentence.
 */
class EngineSocketFaultsTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Both CLI paths and the GUI's panel text, for one endpoint; returns the sentence. */
    private String assertOneSentenceEverywhere(String host, String... mustContain) {
        Run engine = berth("engine", "-H", host);
        Run ps = berth("-p", "faults-socket", "ps", "-H", host);
        for (Run run : List.of(engine, ps)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception")
                    .doesNotContain("\tat ").contains(host).contains(mustContain);
        }
        assertThat(ps.err()).isEqualTo(engine.err());
        assertThat(guiPanelText(host)).isEqualTo(engine.err().strip());
        System.out.println("fault 3: " + engine.err().strip()); // the sentences quoted in docs/RELIABILITY.md
        return engine.err().strip();
    }

    /** What the window's "no engine" panel lists: the session's explanation of its first failed attempt. */
    private static String guiPanelText(String host) {
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        try (EngineSession session = new EngineSession(() -> discovery.discover(DiscoveryOptions.defaults().withHost(host)))) {
            session.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> session.state() instanceof EngineState.Unavailable);
            return ((EngineState.Unavailable) session.state()).explanation();
        }
    }

    @Test
    void socketVanished() {
        assertOneSentenceEverywhere("unix://" + dir.resolve("vanished.sock"), "does not exist", "systemctl start docker", "DOCKER_HOST");
    }

    @Test
    void aRegularFileInsteadOfTheSocket() throws IOException {
        Path file = Files.writeString(dir.resolve("docker.sock"), "");
        assertOneSentenceEverywhere("unix://" + file, "is a regular file, not a socket", "DOCKER_HOST", "--context");
    }

    @Test
    void aSocketNobodyAcceptsOn() throws IOException {
        Path socket = dir.resolve("stale.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
        assertOneSentenceEverywhere("unix://" + socket, "Nothing accepts connections", "systemctl start docker", "DOCKER_HOST");
    }

    @Test
    void connectionRefusedOnTcp() throws IOException {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        assertOneSentenceEverywhere("tcp://127.0.0.1:" + port, "refused the connection", "DOCKER_HOST");
    }

    /**
     * Permission denied needs a user who is not root and not in the socket's group: the CLI runs in a child JVM
     * as {@code nobody} (setpriv), on a listening socket of mode 0600 owned by root.
     */
    @Test
    void permissionDeniedAsAnotherUser() throws Exception {
        assumeTrue(AsNobody.possible(), "only root with setpriv can switch to nobody to be refused");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("private.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            AsNobody.Run run = AsNobody.berth(dir, "engine", "-H", "unix://" + socket);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception")
                    .startsWith("No container engine answered (-H/--host): Permission denied on unix://" + socket)
                    .contains("'docker' group").contains("usermod -aG docker").contains("DOCKER_HOST");
            System.out.println("fault 3: " + run.err());
        }
    }
}
