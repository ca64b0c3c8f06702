package dev.berth.app.gui.swarm;

import java.util.List;
import java.util.Map;

/**
 * What the Swarm tab shows, read in one go off the UI thread: whether this engine is a manager (the tab is
 * shown only then), its nodes, the services grouped by stack (services of no stack under "—"), and each
 * service's tasks.
 */
public record SwarmSnapshot(boolean manager, String state, List<NodeRow> nodes, Map<String, List<ServiceRow>> stacks,
        Map<String, List<TaskRow>> tasksByService) {

    /** The snapshot of an engine that is not a swarm manager. */
    public static SwarmSnapshot notManager(String state) {
        return new SwarmSnapshot(false, state, List.of(), Map.of(), Map.of());
    }

    public record NodeRow(String id, String hostname, String role, String availability, String state, boolean leader,
            String engineVersion) {}

    /** {@code replicas} -1 for a global service (only replicated ones can be scaled). */
    public record ServiceRow(String id, String name, String stack, String mode, long running, long desired, long replicas,
            String image, String ports, String updateState) {
        public String replicasText() {
            return running + "/" + desired;
        }
    }

    public record TaskRow(String id, String name, String node, String desiredState, String state, String error, String image) {}
}
