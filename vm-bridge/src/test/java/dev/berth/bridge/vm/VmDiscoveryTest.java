package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where discovery looks for Berth's VMs, and the docker context the VM writes (the real VM is in EngineVmIT). */
class VmDiscoveryTest {

    @TempDir
    Path home;

    private HostEnvironment environment() {
        return new HostEnvironment(Map.of("BERTH_STATE_DIR", home.resolve("state").toString()), home, home.resolve("root"));
    }

    @Test
    void aProfileWithASocketIsACandidateAndOneWithoutIsNot() throws IOException {
        VmDiscoveryStrategy strategy = new VmDiscoveryStrategy();
        DiscoveryOptions options = DiscoveryOptions.defaults();
        Files.createDirectories(home.resolve("state/vm/default"));
        assertFalse(strategy.isApplicable(environment(), options));
        Files.createFile(home.resolve("state/vm/default/docker.sock"));
        Files.createDirectories(home.resolve("state/vm/stopped"));
        assertTrue(strategy.isApplicable(environment(), options));
        var candidates = strategy.candidates(environment(), options);
        assertEquals(1, candidates.size());
        assertEquals(new EngineEndpoint.Unix(home.resolve("state/vm/default/docker.sock")), candidates.getFirst().endpoint());
        assertTrue(EngineDiscovery.standard(environment()).strategies().stream().anyMatch(s -> s instanceof VmDiscoveryStrategy));
    }

    @Test
    void theDockerContextPointsAtTheHostSocketAndIsFoundByName() throws IOException {
        Path socket = home.resolve("state/vm/default/docker.sock");
        Path meta = DockerContexts.write(home.resolve(".docker"), "default", socket);
        assertTrue(meta.toString().contains(DockerContexts.sha256("berth-vm")), meta.toString());
        assertTrue(Files.readString(meta).contains("\"Host\":\"unix://" + socket + "\""), Files.readString(meta));
        // --context berth-vm resolves through the standard context strategy (the socket is missing: the attempt says so).
        var attempts = EngineDiscovery.standard(environment()).discoverAll(DiscoveryOptions.defaults().withContext("berth-vm"));
        assertTrue(attempts.stream().anyMatch(a -> ("unix://" + socket).equals(a.endpoint())), attempts.toString());
        DockerContexts.remove(home.resolve(".docker"), "default");
        assertFalse(Files.exists(meta));
    }
}
