package dev.berth.engine.compose;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The read-only views: {@code ps} (one project's containers) and {@code ls} (every project on the engine). */
final class ComposeListing {

    private final EngineClient engine;

    ComposeListing(EngineClient engine) {
        this.engine = engine;
    }

    /** The project's containers, sorted by service and number ({@code ps}); one-off ones only when no service is named. */
    List<ServiceContainer> ps(String project, Set<String> services, boolean all) {
        return ObservedStates.serviceContainers(engine, project).stream()
                .filter(c -> !c.oneOff() || services.isEmpty())
                .filter(c -> services.isEmpty() || services.contains(c.service()))
                .filter(container -> all || container.isUp())
                .sorted(Comparator.comparing(ServiceContainer::service).thenComparingInt(ServiceContainer::number)
                        .thenComparing(ServiceContainer::name))
                .toList();
    }

    /** Every Compose project on the engine, whoever started it ({@code ls}); with {@code all} also stopped ones. */
    List<ListedProject> listProjects(boolean all) {
        return projectsOf(composeContainers(), all);
    }

    /** Every container with a Compose project label, typed once (one listing of the engine). */
    List<ServiceContainer> composeContainers() {
        return composeContainers(List.of());
    }

    /** The same for only the containers of {@code ids} (none: all); a container not returned is gone. */
    List<ServiceContainer> composeContainers(Collection<String> ids) {
        Filters filters = Filters.none().label(ComposeLabels.PROJECT);
        for (String id : ids) {
            filters = filters.with("id", id);
        }
        List<ContainerSummary> listed = engine.containers().list(ListOptions.allContainers().withFilters(filters));
        List<ServiceContainer> containers = new ArrayList<>(listed.size());
        listed.forEach(summary -> containers.add(ServiceContainer.of(summary)));
        return containers;
    }

    /** The projects {@code containers} (a {@link #composeContainers()} listing) belong to; with {@code all} also stopped ones. */
    static List<ListedProject> projectsOf(List<ServiceContainer> containersOfAllProjects, boolean all) {
        Map<String, List<ServiceContainer>> byProject = new TreeMap<>();
        for (ServiceContainer container : containersOfAllProjects) {
            if (!container.oneOff()) {
                byProject.computeIfAbsent(container.project(), key -> new ArrayList<>()).add(container);
            }
        }
        List<ListedProject> projects = new ArrayList<>();
        byProject.forEach((name, containers) -> {
            int running = (int) containers.stream().filter(c -> c.state() == ContainerState.RUNNING).count();
            int healthy = (int) containers.stream().filter(c -> c.health() == ContainerHealth.HEALTHY).count();
            int unhealthy = (int) containers.stream().filter(c -> c.health() == ContainerHealth.UNHEALTHY).count();
            Set<String> files = new LinkedHashSet<>();
            String workingDir = "";
            for (ServiceContainer container : containers) {
                files.addAll(container.configFiles());
                if (workingDir.isEmpty()) {
                    workingDir = container.workingDir();
                }
            }
            if (all || running > 0) {
                projects.add(new ListedProject(name, running, containers.size(), healthy, unhealthy, new ArrayList<>(files), workingDir));
            }
        });
        return projects;
    }
}
