package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineEndpoint;
import java.util.List;

/** {@code -H/--host}: the user named the engine on the command line. */
final class HostOptionStrategy implements DiscoveryStrategy {

    @Override
    public String name() {
        return "--host";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isApplicable(HostEnvironment environment, DiscoveryOptions options) {
        return options.host() != null && !options.host().isBlank();
    }

    @Override
    public List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options) {
        return List.of(new Candidate(EngineEndpoint.parse(options.host(), DockerHostStrategy.tlsFromEnvironment(environment)),
                "-H/--host"));
    }

    @Override
    public String describe() {
        return "the engine given with -H/--host";
    }

    @Override
    public boolean isExplicit() {
        return true;
    }
}
