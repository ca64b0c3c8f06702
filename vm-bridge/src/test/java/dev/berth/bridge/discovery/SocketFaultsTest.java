package dev.berth.bridge.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.engine.api.EngineNotFoundException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3 of the reliability campaign (docs/RELIABILITY.md): the socket Berth is pointed at is wrong in each
 * of the ways a machine gets it wrong, made for real in a temporary directory. Each ends discovery with one
 * sentence that names the endpoint and the fix, fast.
 */
class SocketFaultsTest {

    @TempDir
    Path dir;

    private EngineNotFoundException discoverAt(Path socket) {
        EngineDiscovery discovery = EngineDiscovery.standard(new HostEnvironment(Map.of(), dir, dir));
        long start = System.nanoTime();
        EngineNotFoundException e = catchThrowableOfType(EngineNotFoundException.class,
                () -> discovery.discover(DiscoveryOptions.defaults().withHost("unix://" + socket)).close());
        assertThat(e).as("discovery must fail").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.getMessage()).as("one line").doesNotContain("\n").contains("unix://" + socket)
                .contains("DOCKER_HOST").contains("--context");
        return e;
    }

    @Test
    void aMissingSocketSaysStartTheEngine() {
        assertThat(discoverAt(dir.resolve("gone.sock")).getMessage())
                .startsWith("No container engine answered (-H/--host): No engine socket at").contains("does not exist")
                .contains("systemctl start docker");
    }

    @Test
    void aRegularFileWhereTheSocketShouldBeIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(dir.resolve("docker.sock"), "not a socket");
        assertThat(discoverAt(file).getMessage()).contains("is a regular file, not a socket").contains("remove it");
        assertThat(Files.readString(file)).as("Berth never touches the file").isEqualTo("not a socket");
    }

    @Test
    void aDirectoryWhereTheSocketShouldBeIsNamedAsSuch() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("docker.sock"));
        assertThat(discoverAt(directory).getMessage()).contains("is a directory, not a socket");
    }

    @Test
    void aSocketLeftBehindByAStoppedEngineSaysNothingAccepts() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // bound, then closed: the file stays and every connect is refused, as after an engine was killed -9
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
        assertThat(socket).exists();
        assertThat(discoverAt(socket).getMessage()).contains("Nothing accepts connections on").contains("left its socket behind")
                .contains("systemctl start docker");
    }

    @Test
    void anEngineTooOldForBerthSaysWhichApiAndWhatToDo() throws Exception {
        try (FakeEngine old = FakeEngine.ancient(dir.resolve("old.sock"))) {
            assertThat(discoverAt(old.socket()).getMessage()).contains("speaks API 1.40").contains("needs API 1.41")
                    .contains("upgrade it to Docker Engine 20.10+");
        }
    }
}
