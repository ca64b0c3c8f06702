package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * What a compose project becomes on a swarm: the stack's networks, secrets, configs and one service spec per
 * service, all in the Engine API's shape (plain ordered maps), plus a diagnostic with its position for every key
 * a swarm ignores (a warning) and every content that cannot be read (an error). Pure data: {@link StackSpecMapper} makes it, the planner compares it, the deployer sends it.
 */
public record StackSpec(String stack, Map<String, DesiredNetwork> networks, Map<String, DesiredFile> secrets,
        Map<String, DesiredFile> configs, Map<String, DesiredService> services, List<Diagnostic> diagnostics) {

    /** True when a diagnostic is an error (a secret whose file cannot be read, a service without an image). */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * A network of the stack: {@code name} is the engine name; {@code create} is the {@code /networks/create}
     * body, null for an external network that must already exist.
     */
    public record DesiredNetwork(String key, String name, Map<String, Object> create) {
        public boolean external() {
            return create == null;
        }
    }

    /**
     * A secret or config: {@code data} null for an external one (looked up by {@code name}); {@code hash} the
     * SHA-256 of the data Berth records on the object.
     */
    public record DesiredFile(String key, String name, byte[] data, String hash, Map<String, String> labels) {
        public boolean external() {
            return data == null;
        }
    }

    /**
     * One service: {@code spec} is the {@code /services/create} body with secret and config references by
     * name ({@code SecretName}/{@code ConfigName}; the deployer adds the ids), {@code image} as written.
     */
    public record DesiredService(String key, String name, String image, Map<String, Object> spec) {}
}
