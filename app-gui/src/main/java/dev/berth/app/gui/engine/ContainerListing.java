package dev.berth.app.gui.engine;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A listing of the project's containers turned into what the panes show: the graph (from the compose file,
 * or from the containers' labels, laid out again only when its structure changed), one state per service
 * (pushed only when it changed, so cards restyle in place) and the containers table's rows. Pure apart from
 * the sink: tested with made-up listings.
 */
final class ContainerListing {

    private final String project;
    private final Project definition;
    private final Map<String, ServiceStates.Observed> shown = new HashMap<>();
    private ProjectGraph shownGraph;
    private Set<String> running = Set.of();

    /** @param definition the loaded compose project when the user opened it, else null (graph from labels) */
    ContainerListing(String project, Project definition) {
        this.project = project;
        this.definition = definition;
    }

    /** The graph to show before the first listing (an opened file), or null. */
    ProjectGraph initialGraph() {
        if (definition != null && shownGraph == null) {
            shownGraph = ProjectGraphs.fromProject(definition);
        }
        return shownGraph;
    }

    /** Pushes what changed since the last listing; {@code details} holds what inspect said per container id. */
    synchronized void show(List<ServiceContainer> listed, Map<String, ContainerDetails> details, ProjectSink sink) {
        if (definition == null) {
            ProjectGraph graph = ProjectGraphs.fromContainers(project, listed);
            if (!graph.equals(shownGraph)) { // only a structural change lays the graph out again
                shownGraph = graph;
                sink.graph(graph);
                shown.clear();
            }
        }
        Map<String, Integer> declared = definition == null ? Map.of() : ProjectGraphs.replicas(definition);
        ServiceStates.of(listed, declared, details).forEach((service, observed) -> {
            ServiceStates.Observed before = shown.put(service, observed);
            if (before == null || !observed.state().equals(before.state()) || !observed.replicas().equals(before.replicas())) {
                sink.serviceState(service, observed.state(), observed.replicas());
            }
            if (before == null ? !observed.detail().isEmpty() : !observed.detail().equals(before.detail())) {
                sink.serviceDetail(service, observed.detail());
            }
        });
        List<ContainerRow> rows = new ArrayList<>();
        for (ServiceContainer container : listed) {
            rows.add(ContainerRows.of(container, details.getOrDefault(container.id(), ContainerDetails.UNKNOWN)));
        }
        sink.containers(rows);
        Set<String> now = new HashSet<>();
        for (ServiceContainer container : listed) {
            if (container.state() == ContainerState.RUNNING) {
                now.add(container.name());
            }
        }
        for (String name : running) {
            if (!now.contains(name)) {
                sink.containerStopped(name);
            }
        }
        running = now;
    }
}
