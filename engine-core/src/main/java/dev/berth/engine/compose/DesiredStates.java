package dev.berth.engine.compose;

import dev.berth.compose.graph.Edge;
import dev.berth.compose.graph.EdgeKind;
import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.compose.plan.DependencyEdge;
import dev.berth.engine.compose.plan.DesiredState;
import dev.berth.engine.compose.plan.DesiredState.DesiredResource;
import dev.berth.engine.compose.plan.DesiredState.DesiredService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reduces a loaded project (and the selected services) to what the planner needs. */
public final class DesiredStates {

    private DesiredStates() {}

    /**
     * @param project  the loaded project
     * @param selected the services named on the command line (empty = all); their dependencies are added
     * @param imageIds the id of the image each service would run now, when known
     */
    public static DesiredState of(Project project, Set<String> selected, Map<String, String> imageIds) {
        ServiceGraph graph = ServiceGraph.of(project);
        List<String> services = selected.isEmpty() ? allInStartOrder(graph) : graph.withDependencies(selected);
        List<DesiredService> desired = new ArrayList<>();
        for (String name : services) {
            ServiceSpec service = project.services().get(name);
            if (service == null) {
                continue;
            }
            ConfigFingerprint fingerprint = fingerprint(project, name);
            Set<String> sharedWith = new HashSet<>();
            Set<String> restartWith = new HashSet<>();
            List<DependencyEdge> dependencies = new ArrayList<>();
            for (Edge edge : graph.dependenciesOf(name)) {
                switch (edge.kind()) {
                    case NETWORK_MODE, IPC, PID, UTS, VOLUMES_FROM -> sharedWith.add(edge.to());
                    default -> { }
                }
                dependencies.add(edge.kind() == EdgeKind.DEPENDS_ON
                        ? new DependencyEdge(edge.to(), edge.condition() == null ? DependencyEdge.STARTED : edge.condition(),
                                edge.required())
                        : DependencyEdge.started(edge.to()));
            }
            service.dependsOn().forEach((dependency, spec) -> {
                if (spec.restart()) {
                    restartWith.add(dependency);
                }
            });
            desired.add(new DesiredService(name, service.replicas(), fingerprint.hash(), fingerprint.fields(),
                    imageIds.get(name), service.containerName(), sharedWith, restartWith, dependencies));
        }
        Set<String> known = new HashSet<>(project.services().keySet());
        known.addAll(project.disabledServices().keySet());
        return new DesiredState(project.name(), desired, networks(project, services), volumes(project), known);
    }

    /** The fingerprint of a service from the project's canonical form. */
    @SuppressWarnings("unchecked")
    public static ConfigFingerprint fingerprint(Project project, String service) {
        Map<String, Object> services = (Map<String, Object>) project.canonical().getOrDefault("services", Map.of());
        Map<String, Object> canonical = (Map<String, Object>) services.getOrDefault(service, Map.of());
        return ConfigFingerprint.of(canonical);
    }

    private static List<String> allInStartOrder(ServiceGraph graph) {
        List<String> order = new ArrayList<>();
        graph.startLayers().forEach(order::addAll);
        return order;
    }

    /** The networks the converged services use (unused networks are not created, like Compose). */
    private static List<DesiredResource> networks(Project project, List<String> services) {
        Map<String, DesiredResource> used = new LinkedHashMap<>();
        for (String name : services) {
            ServiceSpec service = project.services().get(name);
            if (service == null || service.networkMode() != null) {
                continue;
            }
            for (String key : service.networks().keySet()) {
                var spec = project.networks().get(key);
                if (spec != null) {
                    used.putIfAbsent(key, new DesiredResource(key, spec.name(), spec.external()));
                }
            }
        }
        return new ArrayList<>(used.values());
    }

    private static List<DesiredResource> volumes(Project project) {
        return project.volumes().values().stream()
                .map(volume -> new DesiredResource(volume.key(), volume.name(), volume.external()))
                .toList();
    }
}
