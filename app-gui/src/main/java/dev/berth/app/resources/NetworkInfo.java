package dev.berth.app.resources;

import java.util.List;
import java.util.Set;

/**
 * One network as the networks list shows it.
 *
 * @param containers names of the containers attached to it
 * @param project the Compose project that owns it, or null
 */
public record NetworkInfo(String id, String name, String driver, String scope, List<String> subnets, List<String> containers,
                          String project, boolean internal) {

    /** The networks every Docker engine creates itself; they cannot be removed. */
    public static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

    public NetworkInfo {
        subnets = List.copyOf(subnets);
        containers = List.copyOf(containers);
    }

    public boolean predefined() {
        return PREDEFINED.contains(name);
    }

    public boolean inUse() {
        return !containers.isEmpty();
    }
}
