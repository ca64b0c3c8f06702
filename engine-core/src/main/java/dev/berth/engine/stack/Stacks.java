package dev.berth.engine.stack;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmNode;
import dev.berth.engine.swarm.SwarmObject;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.engine.swarm.SwarmState;
import dev.berth.engine.swarm.SwarmTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The stacks on a swarm, found by the {@code com.docker.stack.namespace} label exactly as the docker CLI finds
 * them (so each tool sees the other's): list, a stack's services and tasks, and remove — its services, then its
 * networks, secrets and configs, and nothing else.
 */
public final class Stacks {

    /** One stack: its name and how many services it has. */
    public record ListedStack(String name, int services) {}

    /** A task with what a reader needs beside it: the service's name and the node's hostname. */
    public record StackTask(SwarmTask task, String serviceName, String nodeName) {
        /** {@code web.2} (replicated) or {@code web.<node id>} (global), as {@code docker stack ps} names tasks. */
        public String name() {
            return serviceName + "." + (task.slot() > 0 ? String.valueOf(task.slot()) : task.nodeId());
        }
    }

    /** What {@code rm} removed, by kind. */
    public record Removed(List<String> services, List<String> networks, List<String> secrets, List<String> configs) {}

    private final EngineClient client;
    private final Swarm swarm;

    public Stacks(EngineClient client) {
        this.client = client;
        this.swarm = new Swarm(client);
    }

    /** The label filter of one stack's objects. */
    public static Filters ofStack(String stack) {
        return Filters.none().label(StackLabels.NAMESPACE + "=" + stack);
    }

    /** Fails with a message that says what to do when this engine cannot run stacks. */
    public static void requireManager(Swarm swarm) {
        SwarmState state = swarm.swarm().state();
        if (!state.active()) {
            throw new StackException("This engine is not in a swarm (state: " + state.localState()
                    + "). Make it one with `berth swarm init`, or join one with `berth swarm join`.");
        }
        if (!state.manager()) {
            throw new StackException("This engine is a swarm worker; stacks are managed on a manager node. Point Berth at a manager (-H).");
        }
    }

    public List<ListedStack> list() {
        requireManager(swarm);
        Map<String, Integer> counts = new TreeMap<>();
        for (SwarmService service : swarm.services().list(Filters.none().label(StackLabels.NAMESPACE))) {
            counts.merge(service.labels().get(StackLabels.NAMESPACE), 1, Integer::sum);
        }
        List<ListedStack> stacks = new ArrayList<>();
        counts.forEach((name, n) -> stacks.add(new ListedStack(name, n)));
        return stacks;
    }

    public List<SwarmService> services(String stack) {
        requireManager(swarm);
        List<SwarmService> services = new ArrayList<>(swarm.services().list(ofStack(stack)));
        services.sort(Comparator.comparing(SwarmService::name));
        return services;
    }

    /** Every task of the stack's services (all states, as {@code docker stack ps}), by service, slot and newest first. */
    public List<StackTask> tasks(String stack) {
        List<SwarmService> services = services(stack);
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, String> serviceNames = new HashMap<>();
        Filters filters = Filters.none();
        for (SwarmService service : services) {
            serviceNames.put(service.id(), service.name());
            filters = filters.with("service", service.id());
        }
        Map<String, String> nodeNames = new HashMap<>();
        for (SwarmNode node : swarm.nodes().list()) {
            nodeNames.put(node.id(), node.hostname());
        }
        List<StackTask> tasks = new ArrayList<>();
        for (SwarmTask task : swarm.tasks().list(filters)) {
            tasks.add(new StackTask(task, serviceNames.getOrDefault(task.serviceId(), task.serviceId()),
                    task.nodeId() == null ? "" : nodeNames.getOrDefault(task.nodeId(), task.nodeId())));
        }
        tasks.sort(Comparator.comparing((StackTask t) -> t.serviceName()).thenComparing(t -> t.task().slot())
                .thenComparing(t -> t.task().timestamp(), Comparator.nullsLast(Comparator.reverseOrder())));
        return tasks;
    }

    /**
     * Removes the stack's services, waits (up to {@code wait}) until their containers on this node are gone, then
     * removes its networks (retried while their last endpoints go away), secrets and configs. An unknown stack
     * is an error, as with the docker CLI ("Nothing found in stack").
     */
    public Removed remove(String stack, Duration wait, Consumer<String> progress) {
        requireManager(swarm);
        List<String> services = new ArrayList<>();
        for (SwarmService service : swarm.services().list(ofStack(stack))) {
            progress.accept("Removing service " + service.name());
            swarm.services().remove(service.id());
            services.add(service.name());
        }
        List<Network> networks = client.networks().list(ofStack(stack));
        List<SwarmObject> secrets = swarm.secrets().list(ofStack(stack));
        List<SwarmObject> configs = swarm.configs().list(ofStack(stack));
        if (services.isEmpty() && networks.isEmpty() && secrets.isEmpty() && configs.isEmpty()) {
            throw new StackException("Nothing found in stack: " + stack);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        waitForContainers(stack, deadline);
        List<String> removedNetworks = new ArrayList<>();
        for (Network network : networks) {
            progress.accept("Removing network " + network.name());
            removeNetwork(network.name(), deadline);
            removedNetworks.add(network.name());
        }
        List<String> removedSecrets = new ArrayList<>();
        for (SwarmObject secret : secrets) {
            progress.accept("Removing secret " + secret.name());
            swarm.secrets().remove(secret.id());
            removedSecrets.add(secret.name());
        }
        List<String> removedConfigs = new ArrayList<>();
        for (SwarmObject config : configs) {
            progress.accept("Removing config " + config.name());
            swarm.configs().remove(config.id());
            removedConfigs.add(config.name());
        }
        return new Removed(services, removedNetworks, removedSecrets, removedConfigs);
    }

    private void waitForContainers(String stack, long deadline) {
        ContainersApi.ListOptions ours = ContainersApi.ListOptions.allContainers().withFilters(ofStack(stack));
        while (!client.containers().list(ours).isEmpty() && System.nanoTime() < deadline) {
            sleep();
        }
    }

    private void removeNetwork(String name, long deadline) {
        while (true) {
            try {
                client.networks().remove(name);
                return;
            } catch (EngineApiException e) {
                if (e.status() == 404) {
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                sleep(); // "has active endpoints" while the last task containers detach
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while removing the stack");
        }
    }
}
