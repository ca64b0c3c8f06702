package dev.berth.bridge.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against fake homes and fake engines on real unix sockets in temporary directories. */
class EngineDiscoveryTest {

    @TempDir
    Path dir;
    Path home;
    Path root;
    Map<String, String> variables;

    @BeforeEach
    void fakeMachine() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        root = Files.createDirectories(dir.resolve("root"));
        variables = new HashMap<>();
    }

    EngineDiscovery discovery() {
        return EngineDiscovery.standard(new HostEnvironment(variables, home, root));
    }

    DiscoveredEngine discover(DiscoveryOptions options) {
        return discovery().discover(options);
    }

    @Test
    void findsTheSystemSocketUnderTheInjectedRoot() throws Exception {
        try (FakeEngine engine = FakeEngine.docker(root.resolve("var/run/docker.sock"));
             DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
            assertThat(found.endpoint()).isEqualTo(new EngineEndpoint.Unix(engine.socket()));
            assertThat(found.howFound()).isEqualTo("system socket");
            assertThat(found.client().identity().name()).isEqualTo("Docker Engine");
            assertThat(found.client().identity().negotiated().toString()).isEqualTo("1.43");
        }
    }

    @Test
    void fallsBackToDockerDesktopRootlessAndPodmanSocketsInOrder() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("run-user"));
        variables.put("XDG_RUNTIME_DIR", runtime.toString());
        try (FakeEngine podman = FakeEngine.podman(runtime.resolve("podman/podman.sock"))) {
            try (DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.howFound()).isEqualTo("Podman (rootless)");
                assertThat(found.client().identity().name()).isEqualTo("Podman Engine");
                assertThat(found.client().identity().podman()).isTrue();
            }
            try (FakeEngine rootless = FakeEngine.docker(runtime.resolve("docker.sock"));
                 DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.howFound()).isEqualTo("rootless Docker");
            }
            try (FakeEngine desktop = FakeEngine.docker(home.resolve(".docker/run/docker.sock"));
                 DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.howFound()).isEqualTo("Docker Desktop");
            }
        }
    }

    @Test
    void findsColimaLimaAndRancherDesktopSockets() throws Exception {
        for (String path : List.of(".colima/default/docker.sock", ".lima/docker/sock/docker.sock", ".rd/docker.sock")) {
            try (FakeEngine engine = FakeEngine.docker(home.resolve(path)); DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.endpoint()).isEqualTo(new EngineEndpoint.Unix(engine.socket()));
            }
        }
    }

    @Test
    void usesDockerHostAloneWhenSetEvenIfAnotherEngineAnswers() throws Exception {
        variables.put("DOCKER_HOST", "unix://" + dir.resolve("nothing.sock"));
        try (FakeEngine system = FakeEngine.docker(root.resolve("var/run/docker.sock"))) {
            assertThatThrownBy(() -> discover(DiscoveryOptions.defaults()))
                    .isInstanceOfSatisfying(EngineNotFoundException.class, e -> {
                        assertThat(e.attempts()).hasSize(1);
                        assertThat(e.attempts().getFirst().strategy()).isEqualTo("DOCKER_HOST");
                        assertThat(e.getMessage()).contains("nothing.sock").contains("does not exist");
                    });
        }
    }

    @Test
    void letsTheHostOptionOverrideDockerHost() throws Exception {
        variables.put("DOCKER_HOST", "tcp://192.0.2.1:2375");
        try (FakeEngine engine = FakeEngine.docker(dir.resolve("h.sock"));
             DiscoveredEngine found = discover(DiscoveryOptions.defaults().withHost("unix://" + engine.socket()))) {
            assertThat(found.howFound()).isEqualTo("-H/--host");
        }
    }

    @Test
    void followsTheCurrentContextFromConfigJsonToItsMetaFile() throws Exception {
        try (FakeEngine engine = FakeEngine.docker(dir.resolve("ctx.sock"))) {
            writeContext("colleague", "unix://" + engine.socket());
            Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"colleague\"}");
            try (DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.howFound()).isEqualTo("context 'colleague' (config.json currentContext)");
            }
        }
    }

    @Test
    void ordersContextSourcesLikeTheDockerCli() throws Exception {
        try (FakeEngine a = FakeEngine.docker(dir.resolve("a.sock")); FakeEngine b = FakeEngine.docker(dir.resolve("b.sock"));
             FakeEngine c = FakeEngine.docker(dir.resolve("c.sock"))) {
            writeContext("from-config", "unix://" + a.socket());
            writeContext("from-env", "unix://" + b.socket());
            writeContext("from-option", "unix://" + c.socket());
            Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"from-config\"}");
            variables.put("DOCKER_CONTEXT", "from-env");
            try (DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.endpoint()).isEqualTo(new EngineEndpoint.Unix(b.socket()));
            }
            try (DiscoveredEngine found = discover(DiscoveryOptions.defaults().withContext("from-option"))) {
                assertThat(found.endpoint()).isEqualTo(new EngineEndpoint.Unix(c.socket()));
            }
            variables.put("DOCKER_HOST", "unix://" + a.socket());
            try (DiscoveredEngine found = discover(DiscoveryOptions.defaults())) {
                assertThat(found.howFound()).startsWith("DOCKER_HOST"); // DOCKER_HOST beats DOCKER_CONTEXT
            }
        }
    }

    @Test
    void readsTlsSettingsOfAContextFromItsTlsDirectory() throws Exception {
        writeContext("remote", "tcp://build.example:2376");
        Path tls = Files.createDirectories(home.resolve(".docker/contexts/tls").resolve(ContextStrategy.sha256("remote")).resolve("docker"));
        List<Candidate> candidates = new ContextStrategy(ContextStrategy.Source.OPTION)
                .candidates(new HostEnvironment(variables, home, root), DiscoveryOptions.defaults().withContext("remote"));
        assertThat(candidates.getFirst().endpoint()).isEqualTo(new EngineEndpoint.Tcp("build.example", 2376, new EngineEndpoint.TlsSettings(tls, true)));
    }

    @Test
    void readsTlsSettingsOfDockerHostFromTheEnvironment() {
        variables.put("DOCKER_HOST", "tcp://10.1.1.1:2376");
        variables.put("DOCKER_TLS_VERIFY", "1");
        variables.put("DOCKER_CERT_PATH", "/certs");
        List<Candidate> candidates = new DockerHostStrategy().candidates(new HostEnvironment(variables, home, root), DiscoveryOptions.defaults());
        assertThat(candidates.getFirst().endpoint()).isEqualTo(new EngineEndpoint.Tcp("10.1.1.1", 2376, new EngineEndpoint.TlsSettings(Path.of("/certs"), true)));
    }

    @Test
    void reportsAMissingContextAsAnAttempt() {
        assertThatThrownBy(() -> discover(DiscoveryOptions.defaults().withContext("gone")))
                .isInstanceOfSatisfying(EngineNotFoundException.class,
                        e -> assertThat(e.getMessage()).contains("context 'gone' does not exist"));
    }

    @Test
    void refusesAnEngineOlderThanApi141AndSaysWhy() throws Exception {
        try (FakeEngine old = FakeEngine.ancient(root.resolve("var/run/docker.sock"))) {
            assertThatThrownBy(() -> discover(DiscoveryOptions.defaults()))
                    .isInstanceOf(EngineNotFoundException.class)
                    .hasMessageContaining("speaks API 1.40").hasMessageContaining("needs API 1.41");
        }
    }

    @Test
    void listsEveryPlaceTriedWhenNothingAnswersAndFailsFast() {
        variables.put("XDG_RUNTIME_DIR", dir.resolve("xdg").toString());
        long start = System.nanoTime();
        assertThatThrownBy(() -> discover(DiscoveryOptions.defaults()))
                .isInstanceOfSatisfying(EngineNotFoundException.class, e -> {
                    assertThat(e.attempts()).extracting(EngineNotFoundException.Attempt::strategy)
                            .containsExactly("system socket", "Docker Desktop", "rootless Docker", "colima", "colima", "Lima",
                                    "Rancher Desktop", "Podman (rootless)", "Podman (rootful)");
                    assertThat(e.getMessage()).contains(root.resolve("var/run/docker.sock").toString()).contains("-H/--host");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failsFastOnAnUnansweringTcpHost() {
        long start = System.nanoTime();
        // 192.0.2.0/24 is TEST-NET-1: never routed, so the connect can only time out or be refused
        assertThatThrownBy(() -> discover(new DiscoveryOptions("tcp://192.0.2.1:2375", null, Duration.ofSeconds(1))))
                .isInstanceOf(EngineNotFoundException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void listsAllCandidatesWithTheirStatusAndMarksTheChosenOne() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("xdg2"));
        variables.put("XDG_RUNTIME_DIR", runtime.toString());
        try (FakeEngine system = FakeEngine.docker(root.resolve("var/run/docker.sock"));
             FakeEngine podman = FakeEngine.podman(runtime.resolve("podman/podman.sock"))) {
            List<CandidateStatus> all = discovery().discoverAll(DiscoveryOptions.defaults());
            assertThat(all).filteredOn(CandidateStatus::reachable).extracting(CandidateStatus::strategy)
                    .containsExactly("system socket", "Podman (rootless)");
            assertThat(all).filteredOn(CandidateStatus::chosen).extracting(CandidateStatus::strategy).containsExactly("system socket");
            assertThat(all).filteredOn(s -> !s.reachable()).allSatisfy(s -> assertThat(s.failure()).isNotBlank());
        }
    }

    private void writeContext(String name, String host) throws Exception {
        Path meta = Files.createDirectories(home.resolve(".docker/contexts/meta").resolve(ContextStrategy.sha256(name)));
        Files.writeString(meta.resolve("meta.json"), """
                {"Name":"%s","Metadata":{"Description":""},"Endpoints":{"docker":{"Host":"%s","SkipTLSVerify":false}}}""".formatted(name, host));
    }
}
