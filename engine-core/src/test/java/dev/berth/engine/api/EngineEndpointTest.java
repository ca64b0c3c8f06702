package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.transport.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {

    @Test
    void parsesTheDockerHostForms() {
        assertThat(EngineEndpoint.parse("unix:///var/run/docker.sock", null)).isEqualTo(new EngineEndpoint.Unix(Path.of("/var/run/docker.sock")));
        assertThat(EngineEndpoint.parse("tcp://10.0.0.2:2375", null)).isEqualTo(new EngineEndpoint.Tcp("10.0.0.2", 2375, null));
        EngineEndpoint.TlsSettings tls = new EngineEndpoint.TlsSettings(Path.of("/certs"), true);
        assertThat(EngineEndpoint.parse("tcp://build.example", tls)).isEqualTo(new EngineEndpoint.Tcp("build.example", 2376, tls));
        assertThat(EngineEndpoint.parse("tcp://build.example", null)).isEqualTo(new EngineEndpoint.Tcp("build.example", 2375, null));
        assertThat(EngineEndpoint.parse("ssh://deploy@box.example:2222", null)).isEqualTo(new EngineEndpoint.Ssh("deploy", "box.example", 2222, List.of()));
    }

    @Test
    void rejectsUnsupportedSchemesWithAHint() {
        assertThatThrownBy(() -> EngineEndpoint.parse("npipe:////./pipe/docker_engine", null))
                .hasMessageContaining("unix:///path/to.sock");
        assertThatThrownBy(() -> EngineEndpoint.parse("unix://", null)).hasMessageContaining("no socket path");
    }

    @Test
    void runsDialStdioOverSshWithoutEverPrompting() {
        SshTransport ssh = (SshTransport) new EngineEndpoint.Ssh("deploy", "box.example", 2222, List.of("-i", "/k")).transport(Duration.ofSeconds(5));
        assertThat(ssh.commandLine(Duration.ofSeconds(3))).containsExactly("ssh", "-o", "ConnectTimeout=3", "-o", "BatchMode=yes",
                "-i", "/k", "-p", "2222", "-T", "--", "deploy@box.example", "docker", "system", "dial-stdio");
    }
}
