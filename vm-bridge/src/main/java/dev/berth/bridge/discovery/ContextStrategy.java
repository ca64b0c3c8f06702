package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A docker CLI context: named by {@code --context}, {@code DOCKER_CONTEXT}, or {@code currentContext} in
 * {@code ~/.docker/config.json}. Its endpoint is in {@code contexts/meta/<sha256(name)>/meta.json} and its
 * TLS files, if any, in {@code contexts/tls/<sha256(name)>/docker/}. The context "default" means "no
 * context" and is left to the other strategies.
 */
final class ContextStrategy implements DiscoveryStrategy {

    /** Where the context name comes from; the docker CLI's order of precedence. */
    enum Source {
        OPTION("--context", 10),
        ENVIRONMENT("DOCKER_CONTEXT", 30),
        CONFIG("config.json currentContext", 40);

        final String label;
        final int priority;

        Source(String label, int priority) {
            this.label = label;
            this.priority = priority;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Source source;

    ContextStrategy(Source source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "context (" + source.label + ")";
    }

    @Override
    public int priority() {
        return source.priority;
    }

    Optional<String> contextName(HostEnvironment environment, DiscoveryOptions options) {
        Optional<String> name = switch (source) {
            case OPTION -> Optional.ofNullable(options.context()).filter(s -> !s.isBlank());
            case ENVIRONMENT -> environment.variable("DOCKER_CONTEXT");
            case CONFIG -> currentContext(environment.dockerConfigDir().resolve("config.json"));
        };
        // An explicit --context default means "the default engine"; elsewhere "default" just means unset.
        return name.filter(n -> !n.equals("default"));
    }

    private static Optional<String> currentContext(Path config) {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(config)).get("currentContext");
            return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asString()).filter(s -> !s.isBlank());
        } catch (IOException | JacksonException e) {
            return Optional.empty(); // an unreadable config.json is the docker CLI's problem, not a reason to fail
        }
    }

    @Override
    public boolean isApplicable(HostEnvironment environment, DiscoveryOptions options) {
        return contextName(environment, options).isPresent();
    }

    @Override
    public List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options) {
        String name = contextName(environment, options).orElseThrow();
        String digest = sha256(name);
        Path contexts = environment.dockerConfigDir().resolve("contexts");
        Path meta = contexts.resolve("meta").resolve(digest).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("context '" + name + "' does not exist (no " + meta + ")");
        }
        JsonNode docker;
        try {
            docker = JSON.readTree(Files.readString(meta)).path("Endpoints").path("docker");
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("context '" + name + "' cannot be read: " + e.getMessage());
        }
        String host = docker.path("Host").asString("");
        if (host.isBlank()) {
            throw new IllegalArgumentException("context '" + name + "' has no docker endpoint");
        }
        Path tlsDir = contexts.resolve("tls").resolve(digest).resolve("docker");
        EngineEndpoint.TlsSettings tls = Files.isDirectory(tlsDir)
                ? new EngineEndpoint.TlsSettings(tlsDir, !docker.path("SkipTLSVerify").asBoolean(false))
                : null;
        return List.of(new Candidate(EngineEndpoint.parse(host, tls), "context '" + name + "' (" + source.label + ")"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String describe() {
        return "the docker context named by " + source.label;
    }

    @Override
    public boolean isExplicit() {
        return true;
    }
}
