package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.transport.SshException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {

    @Test
    void explainsHowToFixPermissionDenied() {
        EngineException e = EngineErrors.translate(new SocketException("Permission denied"), "unix:///var/run/docker.sock");
        assertThat(e).isInstanceOf(EnginePermissionException.class);
        assertThat(e.getMessage()).contains("unix:///var/run/docker.sock").contains("docker' group").contains("rootless");
    }

    @Test
    void distinguishesRefusedMissingTimeoutAndTls() {
        assertThat(EngineErrors.translate(new ConnectException("Connection refused"), "tcp://h:1")).isInstanceOf(EngineConnectionException.class)
                .hasMessageContaining("refused");
        assertThat(EngineErrors.translate(new SocketException("No such file or directory"), "unix:///x.sock"))
                .isInstanceOf(EngineConnectionException.class).hasMessageContaining("does not exist");
        assertThat(EngineErrors.translate(new SocketTimeoutException("Read timed out"), "tcp://h:1")).isInstanceOf(EngineTimeoutException.class);
        assertThat(EngineErrors.translate(new SSLHandshakeException("PKIX path building failed"), "tcp://h:1"))
                .isInstanceOf(EngineTlsException.class).hasMessageContaining("DOCKER_CERT_PATH");
        assertThat(EngineErrors.translate(new IOException("boom"), "tcp://h:1")).isInstanceOf(EngineConnectionException.class);
    }

    @Test
    void namesTheTlsFileOrVariableToChange() {
        assertThat(EngineErrors.translate(new SSLHandshakeException("Received fatal alert: certificate_required"), "tcp://h:2376"))
                .hasMessageStartingWith("The engine at tcp://h:2376 refused Berth's client certificate").hasMessageContaining("cert.pem");
        assertThat(EngineErrors.translate(new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.1 found"), "tcp://10.0.0.1:2376"))
                .hasMessageContaining("issued for another host name");
        assertThat(EngineErrors.translate(new SSLException("Unsupported or unrecognized SSL message"), "tcp://h:2375"))
                .hasMessageContaining("does not speak TLS on this port");
        assertThat(EngineErrors.translate(new SSLHandshakeException("PKIX path building failed"), "tcp://h:2376"))
                .hasMessageContaining("ca.pem in DOCKER_CERT_PATH did not sign");
    }

    @Test
    void reportsSshFailuresInSshsWordsWithTheCommandToTry() {
        EngineException login = EngineErrors.translate(new SshException("ssh://root@h:2222", 255,
                "root@h: Permission denied (publickey)."), "ssh://root@h:2222");
        assertThat(login).isInstanceOf(EngineConnectionException.class).isNotInstanceOf(EnginePermissionException.class);
        assertThat(login.getMessage()).contains("Permission denied (publickey)").contains("'ssh -p 2222 root@h' work without a password");
        assertThat(EngineErrors.translate(new SshException("ssh://h", 127, "bash: docker: command not found"), "ssh://h"))
                .hasMessageContaining("no docker CLI on its PATH");
        assertThat(EngineErrors.translate(new SshException("ssh://h", 1,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock"), "ssh://h"))
                .hasMessageContaining("Is the engine running on that host");
    }

    @Test
    void listsEveryDiscoveryAttemptInOneMessage() {
        EngineNotFoundException e = new EngineNotFoundException(List.of(
                new EngineNotFoundException.Attempt("DOCKER_HOST", "tcp://h:1", "refused"),
                new EngineNotFoundException.Attempt("default socket", "unix:///var/run/docker.sock", "does not exist")));
        assertThat(e.getMessage()).contains("DOCKER_HOST (tcp://h:1): refused").contains("default socket (unix:///var/run/docker.sock): does not exist");
    }

    @Test
    void oneAttemptIsOneLineThatNamesTheEndpointOnce() {
        assertThat(new EngineNotFoundException(List.of(new EngineNotFoundException.Attempt("DOCKER_HOST", "unix:///x.sock", "no such file"))))
                .hasMessage("No container engine answered (DOCKER_HOST, unix:///x.sock): no such file");
        assertThat(new EngineNotFoundException(List.of(new EngineNotFoundException.Attempt("-H/--host", "tcp://h:1",
                "The engine at tcp://h:1 refused the connection."))))
                .hasMessage("No container engine answered (-H/--host): The engine at tcp://h:1 refused the connection.");
    }

    @Test
    void carriesTheEnginesMessageAndStatus() {
        EngineApiException e = new EngineApiException(409, "Conflict. The container name \"/web\" is already in use", "Creating container web");
        assertThat(e.getMessage()).isEqualTo("Creating container web failed: Conflict. The container name \"/web\" is already in use (HTTP 409)");
        assertThat(e.isConflict()).isTrue();
    }
}
