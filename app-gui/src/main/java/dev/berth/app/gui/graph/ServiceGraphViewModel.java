package dev.berth.app.gui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The service graph's state: the nodes with their live states, the computed layout, the selection, and
 * the zoom and pan of the view. Runs on the UI thread; tests drive it directly.
 *
 * <p>{@link #setGraph} lays out (structure changed); {@link #updateService} only changes a node's state
 * and replicas, so a stream of engine events never moves the cards.
 */
public final class ServiceGraphViewModel {

    public static final double NODE_WIDTH = 176;
    public static final double NODE_HEIGHT = 64;
    /** Low enough that a 200-service file (its widest layer folded into bands) fits a pane beside the logs. */
    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 3.0;
    private static final double ZOOM_STEP = 1.2;
    private static final double FIT_MARGIN = 24;

    private final LayeredLayout topDown = new LayeredLayout(NODE_WIDTH, NODE_HEIGHT, 48, 84);
    /** Columns: room between them for a condition label ("completed_successfully"), cards stacked closer. */
    private final LayeredLayout leftToRight = new LayeredLayout(NODE_WIDTH, NODE_HEIGHT, 28, 150,
            LayeredLayout.Direction.LEFT_TO_RIGHT);
    /** Both layouts of the current graph: fitting picks the one that shows the cards larger. */
    private LayeredLayout.Result topDownResult;
    private LayeredLayout.Result leftToRightResult;
    private final Map<String, GraphNodeModel> nodes = new LinkedHashMap<>();
    private List<GraphEdge> edges = List.of();
    private final ReadOnlyObjectWrapper<LayeredLayout.Result> layoutResult = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ObjectProperty<String> selectedNode = new SimpleObjectProperty<>(this, "selectedNode");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final DoubleProperty panX = new SimpleDoubleProperty(this, "panX", FIT_MARGIN);
    private final DoubleProperty panY = new SimpleDoubleProperty(this, "panY", FIT_MARGIN);
    private int layoutCount;
    /** From a fit until the user zooms or pans: while true, a resized pane is fitted again. */
    private boolean fitted = true;

    /** Replaces the graph (a project opened or its structure changed) and lays it out. */
    public void setGraph(ProjectGraph graph) {
        nodes.clear();
        for (GraphNode node : graph.nodes()) {
            nodes.put(node.id(), new GraphNodeModel(node));
        }
        edges = graph.edges().stream().filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to())).toList();
        Set<String> resources = graph.nodes().stream().filter(n -> !n.isService()).map(GraphNode::id).collect(Collectors.toSet());
        List<LayeredLayout.Edge> dependencies = edges.stream().map(e -> new LayeredLayout.Edge(e.from(), e.to())).toList();
        layoutCount++;
        List<String> ids = new ArrayList<>(nodes.keySet());
        topDownResult = topDown.layout(ids, dependencies, resources);
        leftToRightResult = leftToRight.layout(ids, dependencies, resources);
        LayeredLayout.Result current = layoutResult.get();
        boolean wasLeftToRight = current != null && current.direction() == LayeredLayout.Direction.LEFT_TO_RIGHT;
        layoutResult.set(wasLeftToRight ? leftToRightResult : topDownResult);
        if (selectedNode.get() != null && !nodes.containsKey(selectedNode.get())) {
            selectedNode.set(null);
        }
    }

    /** A service's state or replica count changed: updates its card, never the layout. */
    public void updateService(String name, ServiceState state, String replicas) {
        GraphNodeModel node = nodes.get(name);
        if (node == null) {
            return; // not (yet) in the graph: the next setGraph brings it
        }
        node.stateProperty().set(state);
        if (replicas != null) {
            node.replicasProperty().set(replicas);
        }
    }

    /** A crash loop's restart count, last exit code and OOM kill (or empty); the card shows it under its state. */
    public void updateDetail(String name, String text) {
        GraphNodeModel node = nodes.get(name);
        if (node != null) {
            node.detailProperty().set(text == null ? "" : text);
        }
    }

    /** An action's progress on a service ("Creating"), or empty when it is done; the card shows it over the state. */
    public void updateProgress(String name, String text) {
        GraphNodeModel node = nodes.get(name);
        if (node != null) {
            node.progressProperty().set(text == null ? "" : text);
        }
    }

    public Optional<GraphNodeModel> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<GraphNodeModel> nodes() {
        return Collections.unmodifiableList(new ArrayList<>(nodes.values()));
    }

    public List<GraphEdge> edges() {
        return edges;
    }

    /** The label of the edge from {@code from} to {@code to}, or empty. */
    public String edgeLabel(String from, String to) {
        return edges.stream().filter(e -> e.from().equals(from) && e.to().equals(to)).map(GraphEdge::label).findFirst().orElse("");
    }

    public ReadOnlyObjectProperty<LayeredLayout.Result> layoutProperty() {
        return layoutResult.getReadOnlyProperty();
    }

    /** How many times the graph was laid out: a state update must not add to it. */
    public int layoutCount() {
        return layoutCount;
    }

    /** The selected node's id (a service name, or "network:x"/"volume:x"); other panes follow it. */
    public ObjectProperty<String> selectedNodeProperty() {
        return selectedNode;
    }

    public void select(String id) {
        selectedNode.set(id != null && nodes.containsKey(id) ? id : null);
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public DoubleProperty panXProperty() {
        return panX;
    }

    public DoubleProperty panYProperty() {
        return panY;
    }

    public void zoomIn(double viewportWidth, double viewportHeight) {
        zoomAt(ZOOM_STEP, viewportWidth / 2, viewportHeight / 2);
    }

    public void zoomOut(double viewportWidth, double viewportHeight) {
        zoomAt(1 / ZOOM_STEP, viewportWidth / 2, viewportHeight / 2);
    }

    /** Zooms by {@code factor} keeping the graph point under the viewport point (pivotX, pivotY) in place. */
    public void zoomAt(double factor, double pivotX, double pivotY) {
        fitted = false;
        double old = zoom.get();
        double next = clamp(old * factor, MIN_ZOOM, MAX_ZOOM);
        double graphX = (pivotX - panX.get()) / old;
        double graphY = (pivotY - panY.get()) / old;
        zoom.set(next);
        panX.set(pivotX - graphX * next);
        panY.set(pivotY - graphY * next);
    }

    public void panBy(double dx, double dy) {
        fitted = false;
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
    }

    /**
     * Scales and centres the whole graph into the viewport (never above 100 %: small graphs stay crisp). A
     * deep graph in a wide, short pane reads better left to right, a wide one in a tall pane top to bottom:
     * the direction that shows the cards clearly larger (by a sixth; else the current one stays, so cards do
     * not jump about for nothing) becomes the layout.
     */
    public void fit(double viewportWidth, double viewportHeight) {
        fitted = true;
        LayeredLayout.Result result = layoutResult.get();
        if (result == null || result.width() <= 0 || viewportWidth <= 0 || viewportHeight <= 0) {
            return;
        }
        LayeredLayout.Result other = result.direction() == LayeredLayout.Direction.TOP_DOWN ? leftToRightResult : topDownResult;
        if (other != null && other.width() > 0
                && fitScale(other, viewportWidth, viewportHeight) > fitScale(result, viewportWidth, viewportHeight) * 7 / 6) {
            result = other;
            layoutResult.set(other); // the view rebuilds its cards (and may fit again: the same choice)
        }
        double scale = fitScale(result, viewportWidth, viewportHeight);
        zoom.set(scale);
        panX.set((viewportWidth - result.width() * scale) / 2);
        panY.set((viewportHeight - result.height() * scale) / 2);
    }

    /**
     * The pane changed size (window resized, divider moved): the graph is fitted again unless the user has
     * zoomed or panned since the last fit — then what they chose stays.
     */
    public void viewportResized(double viewportWidth, double viewportHeight) {
        if (fitted) {
            fit(viewportWidth, viewportHeight);
        }
    }

    /** Whether the view shows the last fit (no zoom or pan by the user since). */
    public boolean isFitted() {
        return fitted;
    }

    private static double fitScale(LayeredLayout.Result result, double viewportWidth, double viewportHeight) {
        double scale = Math.min((viewportWidth - 2 * FIT_MARGIN) / result.width(), (viewportHeight - 2 * FIT_MARGIN) / result.height());
        return clamp(Math.min(1, scale), MIN_ZOOM, MAX_ZOOM);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
