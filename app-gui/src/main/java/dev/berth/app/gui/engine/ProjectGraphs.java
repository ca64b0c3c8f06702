package dev.berth.app.gui.engine;

import dev.berth.app.gui.graph.GraphEdge;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.compose.graph.Edge;
import dev.berth.compose.graph.EdgeKind;
import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMount;
import dev.berth.engine.api.model.MountPoint;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.ServiceContainer.DependsOn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph the window draws, built either from a loaded compose project (an opened file: compose-model's
 * {@link ServiceGraph} plus the networks and named volumes each service uses) or, for a project found only
 * on the engine, from its containers' labels ({@code depends_on}), networks and mounts. Pure.
 */
public final class ProjectGraphs {

    private ProjectGraphs() {}

    /** Services with their wanted replica count: the model's rule ({@link ServiceSpec#replicas()}), as up uses it. */
    public static Map<String, Integer> replicas(Project project) {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (ServiceSpec service : project.services().values()) {
            result.put(service.name(), service.replicas());
        }
        return result;
    }

    public static ProjectGraph fromProject(Project project) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        replicas(project).forEach((service, count) -> nodes.add(GraphNode.service(service, ServiceState.NOT_CREATED, "0/" + count)
                .withBuild(project.services().get(service).build() != null)));
        for (Edge edge : ServiceGraph.of(project).edges()) {
            String label = edge.kind() == EdgeKind.DEPENDS_ON ? edge.condition() : edge.kind().key();
            edges.add(new GraphEdge(edge.from(), edge.to(), label));
        }
        Set<String> networks = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        for (ServiceSpec service : project.services().values()) {
            List<String> attached = new ArrayList<>(service.networks().keySet());
            if (attached.isEmpty() && service.networkMode() == null) {
                attached.add("default"); // Compose puts a service without networks on the project's default network
            }
            for (String network : attached) {
                networks.add(network);
                edges.add(new GraphEdge(service.name(), "network:" + network, null));
            }
            for (VolumeMount mount : service.volumes()) {
                if ("volume".equals(mount.type()) && mount.source() != null && project.volumes().containsKey(mount.source())) {
                    volumes.add(mount.source());
                    edges.add(new GraphEdge(service.name(), "volume:" + mount.source(), null));
                }
            }
        }
        networks.forEach(n -> nodes.add(GraphNode.network(n)));
        volumes.forEach(v -> nodes.add(GraphNode.volume(v)));
        return new ProjectGraph(nodes, distinct(edges));
    }

    /**
     * The graph of a project known only from the engine: what its containers' labels and attachments say.
     * Services, networks, volumes and edges come out sorted by name, whatever order the engine lists the
     * containers in (newest first, so a restart reorders them): the layout is the same at every launch.
     */
    public static ProjectGraph fromContainers(String project, List<ServiceContainer> containers) {
        Map<String, GraphNode> services = new TreeMap<>();
        Set<String> networks = new TreeSet<>();
        Set<String> volumes = new TreeSet<>();
        List<GraphEdge> edges = new ArrayList<>();
        String prefix = project + "_";
        for (ServiceContainer container : containers) {
            String service = container.service();
            if (service.isEmpty() || container.oneOff()) {
                continue;
            }
            services.putIfAbsent(service, GraphNode.service(service, ServiceState.NOT_CREATED, ""));
            for (DependsOn dependency : container.dependencies()) {
                edges.add(new GraphEdge(service, dependency.service(), dependency.condition()));
            }
            for (String network : container.networks()) {
                String name = network.startsWith(prefix) ? network.substring(prefix.length()) : network;
                networks.add(name);
                edges.add(new GraphEdge(service, "network:" + name, null));
            }
            for (MountPoint mount : container.mounts()) {
                if ("volume".equals(mount.type()) && mount.name() != null && mount.name().startsWith(prefix)) {
                    String name = mount.name().substring(prefix.length());
                    volumes.add(name);
                    edges.add(new GraphEdge(service, "volume:" + name, null));
                }
            }
        }
        List<GraphNode> nodes = new ArrayList<>(services.values());
        networks.forEach(n -> nodes.add(GraphNode.network(n)));
        volumes.forEach(v -> nodes.add(GraphNode.volume(v)));
        // A dependency whose containers are gone is not drawn (the view-model drops dangling edges).
        edges.sort(Comparator.comparing(GraphEdge::from).thenComparing(GraphEdge::to)
                .thenComparing(e -> e.label() == null ? "" : e.label()));
        return new ProjectGraph(nodes, distinct(edges));
    }

    private static List<GraphEdge> distinct(List<GraphEdge> edges) {
        return new ArrayList<>(new LinkedHashSet<>(edges));
    }
}
