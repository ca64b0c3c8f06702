package dev.berth.app.gui.graph;

import java.util.Objects;

/**
 * A node of the project graph as the engine layer hands it over: a service (with its state and replica
 * count such as "2/3"), or a network or volume it uses.
 */
public record GraphNode(String id, Kind kind, String label, ServiceState state, String replicas, boolean buildable) {

    public GraphNode(String id, Kind kind, String label, ServiceState state, String replicas) {
        this(id, kind, label, state, replicas, false);
    }

    public enum Kind { SERVICE, NETWORK, VOLUME }

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? id : label;
        state = state == null ? ServiceState.NOT_CREATED : state;
        replicas = replicas == null ? "" : replicas;
    }

    public static GraphNode service(String name, ServiceState state, String replicas) {
        return new GraphNode(name, Kind.SERVICE, name, state, replicas);
    }

    public static GraphNode network(String name) {
        return new GraphNode("network:" + name, Kind.NETWORK, name, null, null);
    }

    public static GraphNode volume(String name) {
        return new GraphNode("volume:" + name, Kind.VOLUME, name, null, null);
    }

    /** The same service, known to have a {@code build:} section (its card menu offers Build). */
    public GraphNode withBuild(boolean build) {
        return new GraphNode(id, kind, label, state, replicas, build);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }
}
