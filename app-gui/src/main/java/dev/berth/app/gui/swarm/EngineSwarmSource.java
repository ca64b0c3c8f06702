package dev.berth.app.gui.swarm;

import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.swarm.SwarmSnapshot.NodeRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.ServiceRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.TaskRow;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackLabels;
import dev.berth.engine.stack.StackSpec;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmNode;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.engine.swarm.SwarmState;
import dev.berth.engine.swarm.SwarmTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link SwarmSource} over engine-core's swarm endpoints: {@code /info}, {@code /nodes}, {@code /services}, {@code /tasks}. */
public final class EngineSwarmSource implements SwarmSource {

    /** The stack a service without the namespace label is listed under. */
    static final String NO_STACK = "—";

    private final Supplier<EngineClient> client;

    public EngineSwarmSource(Supplier<EngineClient> client) {
        this.client = client;
    }

    @Override
    public SwarmSnapshot load() {
        Swarm swarm = new Swarm(client.get());
        SwarmState state = swarm.swarm().state();
        if (!state.active() || !state.manager()) {
            return SwarmSnapshot.notManager(state.localState());
        }
        List<NodeRow> nodes = new ArrayList<>();
        Map<String, String> hostnames = new HashMap<>();
        for (SwarmNode node : swarm.nodes().list()) {
            hostnames.put(node.id(), node.hostname());
            nodes.add(new NodeRow(node.id(), node.hostname(), node.role(), node.availability(), node.state(), node.leader(),
                    node.engineVersion()));
        }
        Map<String, List<ServiceRow>> stacks = new TreeMap<>();
        Map<String, String> serviceNames = new HashMap<>();
        List<SwarmService> services = new ArrayList<>(swarm.services().list(Filters.none()));
        services.sort(Comparator.comparing(SwarmService::name));
        for (SwarmService service : services) {
            String stack = service.labels().getOrDefault(StackLabels.NAMESPACE, NO_STACK);
            serviceNames.put(service.id(), service.name());
            stacks.computeIfAbsent(stack, s -> new ArrayList<>()).add(new ServiceRow(service.id(), service.name(), stack, service.mode(),
                    service.runningTasks(), service.desiredTasks(), service.replicas(),
                    SwarmService.withoutDigest(service.image()), service.publishedPorts(),
                    service.updateState()));
        }
        Map<String, List<TaskRow>> tasks = new LinkedHashMap<>();
        List<SwarmTask> all = new ArrayList<>(swarm.tasks().list(Filters.none()));
        // Newest first within a service, grouped by node as the tab shows them.
        all.sort(Comparator.comparing((SwarmTask t) -> hostnames.getOrDefault(t.nodeId(), "")).thenComparing(SwarmTask::slot)
                .thenComparing(SwarmTask::timestamp, Comparator.nullsLast(Comparator.reverseOrder())));
        for (SwarmTask task : all) {
            String service = serviceNames.getOrDefault(task.serviceId(), task.serviceId());
            String name = service + "." + (task.slot() > 0 ? String.valueOf(task.slot()) : task.nodeId());
            tasks.computeIfAbsent(task.serviceId(), s -> new ArrayList<>()).add(new TaskRow(task.id(), name,
                    task.nodeId() == null ? "" : hostnames.getOrDefault(task.nodeId(), task.nodeId()), task.desiredState(), task.state(),
                    task.error(), SwarmService.withoutDigest(task.image())));
        }
        return new SwarmSnapshot(true, state.localState(), nodes, stacks, tasks);
    }

    @Override
    public void scale(String serviceId, long replicas) {
        new Swarm(client.get()).services().scale(serviceId, replicas);
    }

    @Override
    public EngineStream<LogLine> serviceLogs(String serviceId, String shortName) {
        return new ServiceLogStream(new Swarm(client.get()), serviceId, shortName);
    }

    @Override
    public StackDeployer.Result deploy(StackSpec stack, StackDeployer.Options options, Consumer<String> progress) {
        return new StackDeployer(client.get(), progress).deploy(stack, options);
    }
}
