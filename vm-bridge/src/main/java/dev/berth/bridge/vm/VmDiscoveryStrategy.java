package dev.berth.bridge.vm;

import dev.berth.bridge.discovery.Candidate;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.DiscoveryStrategy;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Berth's own engine VMs: every profile under {@code <state>/vm/} whose host socket exists (the relay runs while
 * the VM does). Tried after the well-known sockets, so an engine the developer installed keeps winning; chosen
 * explicitly with {@code --context berth-vm} (the docker context {@link VmManager} writes) or {@code -H}.
 */
public final class VmDiscoveryStrategy implements DiscoveryStrategy {

    @Override
    public String name() {
        return "Berth VM";
    }

    @Override
    public int priority() {
        return 180;
    }

    @Override
    public boolean isApplicable(HostEnvironment environment, DiscoveryOptions options) {
        return !sockets(environment).isEmpty();
    }

    @Override
    public List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options) {
        return sockets(environment).stream()
                .map(s -> new Candidate(new EngineEndpoint.Unix(s), "Berth VM '" + s.getParent().getFileName() + "'")).toList();
    }

    static List<Path> sockets(HostEnvironment environment) {
        Path vms = environment.berthStateDir().resolve("vm");
        if (!Files.isDirectory(vms)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(vms)) {
            return dirs.map(d -> d.resolve("docker.sock")).filter(Files::exists).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public String describe() {
        return "Berth's engine VMs (<state>/vm/<profile>/docker.sock)";
    }
}
