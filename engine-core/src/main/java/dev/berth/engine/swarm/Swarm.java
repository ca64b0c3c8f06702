package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineRequests;

/**
 * The Engine API's swarm endpoints on one engine, one class per group like {@code EngineClient}'s own:
 * {@code new Swarm(client).services().list(...)}. Stateless; cheap to make.
 */
public final class Swarm {

    private final SwarmApi swarm;
    private final NodesApi nodes;
    private final ServicesApi services;
    private final TasksApi tasks;
    private final SwarmObjectsApi secrets;
    private final SwarmObjectsApi configs;

    public Swarm(EngineClient client) {
        EngineRequests requests = client.requests();
        this.swarm = new SwarmApi(requests);
        this.nodes = new NodesApi(requests);
        this.services = new ServicesApi(requests);
        this.tasks = new TasksApi(requests);
        this.secrets = new SwarmObjectsApi(requests, "/secrets", "secret");
        this.configs = new SwarmObjectsApi(requests, "/configs", "config");
    }

    public SwarmApi swarm() {
        return swarm;
    }

    public NodesApi nodes() {
        return nodes;
    }

    public ServicesApi services() {
        return services;
    }

    public TasksApi tasks() {
        return tasks;
    }

    public SwarmObjectsApi secrets() {
        return secrets;
    }

    public SwarmObjectsApi configs() {
        return configs;
    }
}
