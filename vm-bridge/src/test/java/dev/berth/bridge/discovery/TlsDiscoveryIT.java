package dev.berth.bridge.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineNotFoundException;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestCertificates;
import dev.berth.testkit.TestEngine;
import dev.berth.testkit.TlsEngineProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a fake environment to the real engine over TLS: {@code DOCKER_HOST=tcp://…} with {@code DOCKER_TLS_VERIFY}
 * and {@code DOCKER_CERT_PATH}, and a docker context whose TLS files live under {@code contexts/tls/}. The engine is
 * the shared one behind a TLS-terminating proxy with test certificates (see {@link TlsEngineProxy}).
 */
@RequiresEngine
class TlsDiscoveryIT {

    static TestCertificates authority;
    static TlsEngineProxy proxy;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startProxy() throws Exception {
        authority = TestCertificates.authority("berth-discovery-ca");
        proxy = TlsEngineProxy.start(authority.serverContext(authority.server()), TestEngine.socket());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    private static DiscoveredEngine discover(Map<String, String> variables, Path home) throws Exception {
        Path root = Files.createDirectories(dir.resolve("empty-root"));
        // A generous per-candidate timeout: a cold JVM's first TLS handshake on a loaded machine can take seconds,
        // and this test is about which files are used, not about how fast.
        return EngineDiscovery.standard(new HostEnvironment(variables, home, root))
                .discover(new DiscoveryOptions(null, null, Duration.ofSeconds(20)));
    }

    @Test
    void connectsWithDockerTlsVerifyAndDockerCertPath() throws Exception {
        Path certs = authority.writeCertPath(dir.resolve("env-certs"), authority.client());
        Map<String, String> variables = new HashMap<>();
        variables.put("DOCKER_HOST", proxy.dockerHost());
        variables.put("DOCKER_TLS_VERIFY", "1");
        variables.put("DOCKER_CERT_PATH", certs.toString());
        try (DiscoveredEngine found = discover(variables, Files.createDirectories(dir.resolve("home-env")))) {
            assertThat(found.howFound()).isEqualTo("DOCKER_HOST");
            assertThat(found.endpoint()).isEqualTo(new EngineEndpoint.Tcp("127.0.0.1", proxy.port(), new EngineEndpoint.TlsSettings(certs, true)));
            assertThat(found.client().identity().name()).isEqualTo("Docker Engine");
            assertThat(found.client().system().info().ncpu()).isPositive();
        }
    }

    @Test
    void readsTheCertificatesFromTheDockerConfigDirWhenDockerCertPathIsUnset() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-default"));
        authority.writeCertPath(home.resolve(".docker"), authority.client());
        Map<String, String> variables = Map.of("DOCKER_HOST", proxy.dockerHost(), "DOCKER_TLS_VERIFY", "1");
        try (DiscoveredEngine found = discover(variables, home)) {
            assertThat(found.client().system().ping().apiVersion()).isNotBlank();
        }
    }

    @Test
    void explainsAWrongCaInTheAttemptList() throws Exception {
        Path certs = authority.writeCertPath(dir.resolve("env-wrong-ca"), authority.client());
        TestCertificates.authority("not-the-engines-ca").writeCa(certs.resolve("ca.pem"));
        Map<String, String> variables = Map.of("DOCKER_HOST", proxy.dockerHost(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString());
        assertThatThrownBy(() -> discover(variables, Files.createDirectories(dir.resolve("home-wrong"))))
                .isInstanceOf(EngineNotFoundException.class)
                // one attempt is one sentence: how it was found, then the failure, which names the endpoint
                .hasMessageStartingWith("No container engine answered (DOCKER_HOST): The engine at " + proxy.dockerHost())
                .hasMessageContaining("presented a certificate that ca.pem in DOCKER_CERT_PATH did not sign");
    }

    @Test
    void connectsThroughAContextWithTlsFiles() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-context"));
        Path contexts = home.resolve(".docker/contexts");
        String digest = ContextStrategy.sha256("remote-tls");
        Files.createDirectories(contexts.resolve("meta").resolve(digest));
        Files.writeString(contexts.resolve("meta").resolve(digest).resolve("meta.json"),
                "{\"Name\":\"remote-tls\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + proxy.dockerHost()
                        + "\",\"SkipTLSVerify\":false}}}");
        authority.writeCertPath(contexts.resolve("tls").resolve(digest).resolve("docker"), authority.client());
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"remote-tls\"}");
        try (DiscoveredEngine found = discover(Map.of(), home)) {
            assertThat(found.howFound()).startsWith("context 'remote-tls'");
            assertThat(found.client().identity().name()).isEqualTo("Docker Engine");
        }
    }
}
