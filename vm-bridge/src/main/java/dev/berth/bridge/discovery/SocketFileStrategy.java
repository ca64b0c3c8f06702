package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A well-known place where an engine's unix socket lives (the system socket, Docker Desktop, rootless
 * Docker, Podman, colima, Lima, Rancher Desktop). Applicable when a base it needs exists (e.g.
 * {@code XDG_RUNTIME_DIR}); the socket file itself is checked by the real connection test, so a missing
 * file shows up in the list of attempts.
 */
final class SocketFileStrategy implements DiscoveryStrategy {

    private final String name;
    private final int priority;
    private final String description;
    private final BiFunction<HostEnvironment, DiscoveryOptions, List<Path>> sockets;

    SocketFileStrategy(String name, int priority, String description, BiFunction<HostEnvironment, DiscoveryOptions, List<Path>> sockets) {
        this.name = name;
        this.priority = priority;
        this.description = description;
        this.sockets = sockets;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean isApplicable(HostEnvironment environment, DiscoveryOptions options) {
        return !sockets.apply(environment, options).isEmpty();
    }

    @Override
    public List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options) {
        List<Candidate> candidates = new ArrayList<>();
        for (Path socket : sockets.apply(environment, options)) {
            candidates.add(new Candidate(new EngineEndpoint.Unix(socket), name));
        }
        return candidates;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The built-in socket locations, in the order they are tried. */
    static List<DiscoveryStrategy> standard() {
        return List.of(
                new SocketFileStrategy("system socket", 100, "the system engine at /var/run/docker.sock",
                        (env, o) -> List.of(env.system("/var/run/docker.sock"))),
                new SocketFileStrategy("Docker Desktop", 110, "Docker Desktop's ~/.docker/run/docker.sock",
                        (env, o) -> List.of(env.home().resolve(".docker/run/docker.sock"))),
                new SocketFileStrategy("rootless Docker", 120, "rootless Docker at $XDG_RUNTIME_DIR/docker.sock",
                        (env, o) -> env.variable("XDG_RUNTIME_DIR").map(d -> List.of(Path.of(d).resolve("docker.sock"))).orElse(List.of())),
                new SocketFileStrategy("colima", 130, "colima's ~/.colima/default/docker.sock (and ~/.colima/docker.sock)",
                        (env, o) -> List.of(env.home().resolve(".colima/default/docker.sock"), env.home().resolve(".colima/docker.sock"))),
                new SocketFileStrategy("Lima", 140, "Lima's docker instance at ~/.lima/docker/sock/docker.sock",
                        (env, o) -> List.of(env.home().resolve(".lima/docker/sock/docker.sock"))),
                new SocketFileStrategy("Rancher Desktop", 150, "Rancher Desktop's ~/.rd/docker.sock",
                        (env, o) -> List.of(env.home().resolve(".rd/docker.sock"))),
                new SocketFileStrategy("Podman (rootless)", 160, "rootless Podman at $XDG_RUNTIME_DIR/podman/podman.sock",
                        (env, o) -> env.variable("XDG_RUNTIME_DIR").map(d -> List.of(Path.of(d).resolve("podman/podman.sock"))).orElse(List.of())),
                new SocketFileStrategy("Podman (rootful)", 170, "rootful Podman at /run/podman/podman.sock",
                        (env, o) -> List.of(env.system("/run/podman/podman.sock"))));
    }
}
