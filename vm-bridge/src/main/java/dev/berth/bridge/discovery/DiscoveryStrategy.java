package dev.berth.bridge.discovery;

import java.util.List;

/**
 * One way of finding an engine. Strategies are tried in {@link #priority()} order; an <em>explicit</em>
 * strategy (the user named an engine: {@code -H}, a context, {@code DOCKER_HOST}) that applies is the only
 * one tried, as with the docker CLI — Berth never silently talks to another engine than the one asked for.
 */
public interface DiscoveryStrategy {

    /** Short name, e.g. {@code DOCKER_HOST} or {@code Podman (rootless)}. */
    String name();

    /** Lower runs first. */
    int priority();

    /** Whether this strategy has anything to propose in this environment. */
    boolean isApplicable(HostEnvironment environment, DiscoveryOptions options);

    /** The endpoints to test; may throw {@link IllegalArgumentException} with a user-facing reason. */
    List<Candidate> candidates(HostEnvironment environment, DiscoveryOptions options);

    /** One sentence on where this strategy looks. */
    String describe();

    default boolean isExplicit() {
        return false;
    }
}
