package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestCertificates;
import dev.berth.testkit.TestEngine;
import dev.berth.testkit.TlsEngineProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcp://} with TLS on the real engine: a test CA, server and client certificates (BouncyCastle), and a
 * TLS-terminating proxy on 127.0.0.1 in front of the shared engine's unix socket (the shared dockerd is not
 * reconfigured). The client reads {@code DOCKER_CERT_PATH}'s {@code ca.pem}/{@code cert.pem}/{@code key.pem}
 * with {@code DOCKER_TLS_VERIFY} semantics, exactly as the discovery hands them over.
 */
@RequiresEngine
class TlsEndpointIT {

    static TestCertificates authority;
    static TlsEngineProxy proxy;
    @TempDir
    static Path certs;

    @BeforeAll
    static void startProxy() throws Exception {
        authority = TestCertificates.authority("berth-test-ca");
        proxy = TlsEngineProxy.start(authority.serverContext(authority.server()), TestEngine.socket());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    private static EngineEndpoint endpoint(Path certPath, boolean verify) {
        return EngineEndpoint.parse(proxy.dockerHost(), new EngineEndpoint.TlsSettings(certPath, verify));
    }

    @Test
    void pingsVersionsListsAndStreamsThroughAVerifiedTlsEndpoint() {
        Path certPath = authority.writeCertPath(certs.resolve("good"), authority.client());
        try (EngineFixture engine = new EngineFixture(endpoint(certPath, true))) {
            EngineClient client = engine.client;
            assertThat(client.endpoint().uri()).isEqualTo(proxy.dockerHost());
            assertThat(client.identity().name()).isEqualTo("Docker Engine");
            assertThat(client.system().ping().apiVersion()).isEqualTo(client.identity().apiVersion().toString());
            assertThat(client.system().version().version()).isEqualTo(client.identity().version());
            assertThat(client.containers().list(ContainersApi.ListOptions.allContainers())).isNotNull();

            // A chunked, multiplexed stream and an upgraded (hijacked) exec connection, both over TLS.
            String id = engine.run("tls", "sh", "-c", "echo over-tls; echo err-over-tls >&2; sleep 300");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs(client, id).size() == 2);
            assertThat(logs(client, id)).extracting(OutputLine::text).containsExactlyInAnyOrder("over-tls", "err-over-tls");
            assertThat(client.exec().run(id, List.of("echo", "exec-over-tls")).stdout()).isEqualTo("exec-over-tls\n");

            // Keep-alive: the plain calls above reuse TLS connections instead of handshaking for each one.
            assertThat(proxy.handshakes()).isLessThan(10);
            assertThat(client.http().connectionsOpened()).isEqualTo(proxy.handshakes());
        }
    }

    private static List<OutputLine> logs(EngineClient client, String id) {
        List<OutputLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> logs = client.containers().logs(id, ContainersApi.LogsOptions.everything())) {
            logs.forEach(lines::add);
        }
        return lines;
    }

    @Test
    void refusesAnEngineWhoseCertificateAnotherCaSigned() {
        TestCertificates stranger = TestCertificates.authority("some-other-ca");
        // The right client certificate, but ca.pem is someone else's: the engine cannot be verified.
        Path certPath = authority.writeCertPath(certs.resolve("wrong-ca"), authority.client());
        stranger.writeCa(certPath.resolve("ca.pem"));
        assertThatThrownBy(() -> EngineClient.connect(endpoint(certPath, true)))
                .isInstanceOfSatisfying(EngineTlsException.class, e -> assertThat(e.getMessage())
                        .startsWith("The engine at " + proxy.dockerHost() + " presented a certificate that ca.pem in DOCKER_CERT_PATH did not sign")
                        .contains("DOCKER_TLS_VERIFY"));
    }

    @Test
    void skipsVerificationWithoutDockerTlsVerifyButStillSendsTheClientCertificate() {
        TestCertificates stranger = TestCertificates.authority("some-other-ca");
        Path certPath = authority.writeCertPath(certs.resolve("no-verify"), authority.client());
        stranger.writeCa(certPath.resolve("ca.pem"));
        try (EngineClient client = EngineClient.connect(endpoint(certPath, false))) {
            assertThat(client.system().ping().apiVersion()).isNotBlank();
        }
    }

    @Test
    void explainsWhenTheEngineRejectsOurClientCertificate() {
        TestCertificates stranger = TestCertificates.authority("some-other-ca");
        // ca.pem is right, but the client certificate was signed by a CA the engine does not trust.
        Path certPath = stranger.writeCertPath(certs.resolve("foreign-client"), stranger.client());
        authority.writeCa(certPath.resolve("ca.pem"));
        assertThatThrownBy(() -> EngineClient.connect(endpoint(certPath, true)))
                .isInstanceOfSatisfying(EngineTlsException.class, e -> assertThat(e.getMessage())
                        .startsWith("The engine at " + proxy.dockerHost() + " refused Berth's client certificate")
                        .contains("cert.pem"));
    }
}
