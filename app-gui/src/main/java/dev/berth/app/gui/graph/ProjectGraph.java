package dev.berth.app.gui.graph;

import java.util.List;

/** The whole graph the view-model is fed with: services, networks and volumes, and the edges between them. */
public record ProjectGraph(List<GraphNode> nodes, List<GraphEdge> edges) {

    public static final ProjectGraph EMPTY = new ProjectGraph(List.of(), List.of());

    public ProjectGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
