package dev.berth.app.gui.swarm;

/** The Swarm tab's engine reads and actions; blocking I/O, called on a background thread. */
public interface SwarmSource {

    SwarmSnapshot load();

    /** {@code docker service scale SERVICE=N}. */
    void scale(String serviceId, long replicas);
}
