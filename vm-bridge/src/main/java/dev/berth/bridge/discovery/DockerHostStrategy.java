package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineEndpoint;
import java.nio.file.Path;
import java.util.List;

/** {@code DOCKER_HOST}, with {@code DOCKER_TLS_VERIFY}/{@code DOCKER_TLS} and {@code DOCKER_CERT_PATH} for TLS. */
final class DockerHostStrategy implements DiscoveryStrategy {

    @Override
    public String name() {
        return "DOCKER_HOST";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public boolean isApplicable(HostEnvironment environment, DiscoveryOptions options) {
        return environment.variable("DOCKER_HOST").isPresent();
    }

    @Override
    public List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options) {
        String host = environment.variable("DOCKER_HOST").orElseThrow();
        return List.of(new Candidate(EngineEndpoint.parse(host, tlsFromEnvironment(environment)), "DOCKER_HOST"));
    }

    /** TLS as the docker CLI reads it from the environment; null when TLS is off. */
    static EngineEndpoint.TlsSettings tlsFromEnvironment(HostEnvironment environment) {
        boolean verify = environment.variable("DOCKER_TLS_VERIFY").isPresent();
        boolean tls = verify || environment.variable("DOCKER_TLS").isPresent();
        if (!tls) {
            return null;
        }
        Path certPath = environment.variable("DOCKER_CERT_PATH").map(Path::of).orElse(environment.dockerConfigDir());
        return new EngineEndpoint.TlsSettings(certPath, verify);
    }

    @Override
    public String describe() {
        return "the DOCKER_HOST environment variable (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)";
    }

    @Override
    public boolean isExplicit() {
        return true;
    }
}
