package dev.berth.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line behind {@code ssh://} (the end-to-end test is SshEndpointIT, against a real sshd). */
class SshTransportTest {

    @Test
    void runsDialStdioThroughSshWithoutEverPrompting() {
        SshTransport ssh = new SshTransport("deploy", "build.example.com", 2222, List.of("-i", "/keys/id"), Duration.ofSeconds(30));
        assertThat(ssh.commandLine(Duration.ofSeconds(5))).containsExactly(
                "ssh", "-o", "ConnectTimeout=5", "-o", "BatchMode=yes", "-i", "/keys/id", "-p", "2222", "-T", "--",
                "deploy@build.example.com", "docker", "system", "dial-stdio");
        assertThat(ssh.describe()).isEqualTo("ssh://deploy@build.example.com:2222");
    }

    @Test
    void leavesUserAndPortToSshConfigWhenNotGiven() {
        SshTransport ssh = new SshTransport(null, "devbox", -1, List.of(), Duration.ofSeconds(30));
        assertThat(ssh.commandLine(Duration.ofMillis(200))).containsExactly(
                "ssh", "-o", "ConnectTimeout=1", "-o", "BatchMode=yes", "-T", "--", "devbox", "docker", "system", "dial-stdio");
    }
}
