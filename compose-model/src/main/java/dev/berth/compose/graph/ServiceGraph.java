package dev.berth.compose.graph;

import dev.berth.compose.model.Dependency;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services of a project and what each needs before it can start. Built from the loaded model
 * (implicit dependencies are already in {@code depends_on}; each edge says which key created it).
 * Immutable. Layers give the order for parallel start (each layer only needs earlier ones) and stop
 * (the reverse).
 */
public final class ServiceGraph {

    private final List<String> nodes;
    private final List<Edge> edges;
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final Map<String, List<Edge>> incoming = new HashMap<>();

    private ServiceGraph(List<String> nodes, List<Edge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        for (String n : nodes) {
            outgoing.put(n, new ArrayList<>());
            incoming.put(n, new ArrayList<>());
        }
        for (Edge e : edges) {
            outgoing.get(e.from()).add(e);
            incoming.get(e.to()).add(e);
        }
    }

    public static ServiceGraph of(Project project) {
        return of(project.services());
    }

    /** Edges to services that are not in {@code services} (e.g. disabled by profiles) are left out. */
    public static ServiceGraph of(Map<String, ServiceSpec> services) {
        List<Edge> edges = new ArrayList<>();
        for (ServiceSpec service : services.values()) {
            Map<String, EdgeKind> kinds = kindsOf(service);
            for (Dependency d : service.dependsOn().values()) {
                if (services.containsKey(d.service())) {
                    EdgeKind kind = kinds.getOrDefault(d.service(), EdgeKind.DEPENDS_ON);
                    edges.add(new Edge(service.name(), d.service(), kind, d.condition(), d.required(), d.restart()));
                }
            }
        }
        return new ServiceGraph(new ArrayList<>(services.keySet()), edges);
    }

    /** Which key made each implicit dependency; explicit depends_on entries are not listed. */
    private static Map<String, EdgeKind> kindsOf(ServiceSpec s) {
        Map<String, EdgeKind> kinds = new HashMap<>();
        for (String link : s.links()) {
            int colon = link.indexOf(':');
            kinds.putIfAbsent(colon < 0 ? link : link.substring(0, colon), EdgeKind.LINKS);
        }
        for (String from : s.volumesFrom()) {
            int colon = from.indexOf(':');
            kinds.putIfAbsent(colon < 0 ? from : from.substring(0, colon), EdgeKind.VOLUMES_FROM);
        }
        putServiceRef(kinds, s.networkMode(), EdgeKind.NETWORK_MODE);
        putServiceRef(kinds, s.ipc(), EdgeKind.IPC);
        putServiceRef(kinds, s.pid(), EdgeKind.PID);
        putServiceRef(kinds, s.uts(), EdgeKind.UTS);
        putServiceRef(kinds, s.cgroup(), EdgeKind.CGROUP);
        return kinds;
    }

    private static void putServiceRef(Map<String, EdgeKind> kinds, String value, EdgeKind kind) {
        if (value != null && value.startsWith("service:")) {
            kinds.put(value.substring("service:".length()), kind);
        }
    }

    public List<String> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Edges from {@code service} to what it needs. */
    public List<Edge> dependenciesOf(String service) {
        return Collections.unmodifiableList(outgoing.getOrDefault(service, List.of()));
    }

    /** Edges into {@code service} from those that need it. */
    public List<Edge> dependentsOf(String service) {
        return Collections.unmodifiableList(incoming.getOrDefault(service, List.of()));
    }

    /** {@code services} and everything they need, transitively, in start order. */
    public List<String> withDependencies(Set<String> services) {
        Set<String> wanted = new HashSet<>();
        List<String> todo = new ArrayList<>(services);
        while (!todo.isEmpty()) {
            String s = todo.removeLast();
            if (wanted.add(s)) {
                for (Edge e : dependenciesOf(s)) {
                    todo.add(e.to());
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (List<String> layer : startLayers()) {
            for (String s : layer) {
                if (wanted.contains(s)) {
                    ordered.add(s);
                }
            }
        }
        return ordered;
    }

    /**
     * Services grouped so that each one only needs services of earlier groups: start group by group,
     * everything inside a group in parallel. Services on a cycle are not in any layer (see {@link #cycles()}).
     */
    public List<List<String>> startLayers() {
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String n : nodes) {
            missing.put(n, outgoing.get(n).size());
        }
        List<List<String>> layers = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        for (Map.Entry<String, Integer> e : missing.entrySet()) {
            if (e.getValue() == 0) {
                ready.add(e.getKey());
            }
        }
        while (!ready.isEmpty()) {
            layers.add(List.copyOf(ready));
            List<String> next = new ArrayList<>();
            for (String done : ready) {
                for (Edge e : incoming.get(done)) {
                    int left = missing.merge(e.from(), -1, Integer::sum);
                    if (left == 0) {
                        next.add(e.from());
                    }
                }
            }
            next.sort(Comparator.comparingInt(nodes::indexOf));
            ready = next;
        }
        return Collections.unmodifiableList(layers);
    }

    /** The start layers reversed: dependents stop before what they depend on. */
    public List<List<String>> stopLayers() {
        List<List<String>> layers = new ArrayList<>(startLayers());
        Collections.reverse(layers);
        return Collections.unmodifiableList(layers);
    }

    /** Every dependency cycle once, as the full path back to its first service: [a, b, c, a]. */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        Set<String> finished = new HashSet<>();
        for (String start : nodes) {
            if (!finished.contains(start)) {
                findCycles(start, new ArrayList<>(), new LinkedHashSet<>(), finished, cycles, seen);
            }
        }
        return cycles;
    }

    private void findCycles(String node, List<String> stack, Set<String> onStack, Set<String> finished,
            List<List<String>> cycles, Set<Set<String>> seen) {
        stack.add(node);
        onStack.add(node);
        for (Edge e : outgoing.get(node)) {
            if (onStack.contains(e.to())) {
                List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(e.to()), stack.size()));
                if (seen.add(new HashSet<>(cycle))) {
                    cycle.add(e.to());
                    cycles.add(List.copyOf(cycle));
                }
            } else if (!finished.contains(e.to())) {
                findCycles(e.to(), stack, onStack, finished, cycles, seen);
            }
        }
        stack.removeLast();
        onStack.remove(node);
        finished.add(node);
    }
}
