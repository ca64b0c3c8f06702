package dev.berth.bridge.discovery;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything discovery reads from the machine: environment variables, the home directory, and the
 * filesystem root that absolute paths such as {@code /var/run/docker.sock} are resolved against. Injected,
 * so tests run against temporary directories instead of the developer's real home.
 */
public record HostEnvironment(Map<String, String> variables, Path home, Path root) {

    public HostEnvironment {
        variables = Map.copyOf(variables);
    }

    /**
     * This machine. The system properties {@code berth.state.dir} and {@code berth.docker.config} stand in for
     * {@code BERTH_STATE_DIR} and {@code DOCKER_CONFIG} (tests cannot set variables of their own JVM).
     */
    public static HostEnvironment current() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        String state = System.getProperty("berth.state.dir");
        if (state != null) {
            variables.put("BERTH_STATE_DIR", state);
        }
        String dockerConfig = System.getProperty("berth.docker.config");
        if (dockerConfig != null) {
            variables.put("DOCKER_CONFIG", dockerConfig);
        }
        return new HostEnvironment(variables, Path.of(System.getProperty("user.home")), Path.of("/"));
    }

    /** A variable, or empty when unset or blank (the docker CLI treats both alike). */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** An absolute system path under {@link #root}. */
    public Path system(String absolutePath) {
        return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
    }

    /** The docker CLI's configuration directory: {@code DOCKER_CONFIG} or {@code ~/.docker}. */
    public Path dockerConfigDir() {
        return variable("DOCKER_CONFIG").map(Path::of).orElse(home.resolve(".docker"));
    }

    /**
     * Berth's state folder (its engine VMs live under {@code vm/}): {@code BERTH_STATE_DIR}, else
     * {@code $XDG_STATE_HOME/berth}, else {@code ~/.local/state/berth}.
     */
    public Path berthStateDir() {
        return variable("BERTH_STATE_DIR").map(Path::of)
                .orElseGet(() -> variable("XDG_STATE_HOME").map(d -> Path.of(d).resolve("berth")).orElse(home.resolve(".local/state/berth")));
    }
}
