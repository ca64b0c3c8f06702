package dev.berth.bridge.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.testkit.PodmanService;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Podman service where rootless Podman's socket lives ({@code $XDG_RUNTIME_DIR/podman/podman.sock}). */
class PodmanDiscoveryIT {

    static PodmanService podman;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startPodman() throws Exception {
        Optional<String> why = PodmanService.unavailableBecause();
        assumeTrue(why.isEmpty() || TestEngine.underCi(), () -> "Podman is not available: " + why.orElse(""));
        podman = PodmanService.start();
    }

    @AfterAll
    static void stopPodman() throws Exception {
        if (podman != null) {
            podman.close();
        }
    }

    /** Podman's first answers are slow (it sets up its storage) and slower on a busy CI machine than a user's 2 s. */
    private static final DiscoveryOptions PATIENT = new DiscoveryOptions(null, null, Duration.ofSeconds(20));

    @Test
    void findsAndNamesPodmanThroughItsRuntimeSocket() throws Exception {
        HostEnvironment environment = new HostEnvironment(Map.of("XDG_RUNTIME_DIR", podman.runtimeDir().toString()),
                Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("root")));
        try (DiscoveredEngine found = EngineDiscovery.standard(environment).discover(PATIENT)) {
            assertThat(found.howFound()).isEqualTo("Podman (rootless)");
            assertThat(found.client().identity().name()).isEqualTo("Podman Engine");
            assertThat(found.client().identity().podman()).isTrue();
        }
        List<CandidateStatus> all = EngineDiscovery.standard(environment).discoverAll(PATIENT);
        assertThat(all).anySatisfy(s -> {
            assertThat(s.chosen()).isTrue();
            assertThat(s.identity().name()).isEqualTo("Podman Engine");
        });
    }
}
