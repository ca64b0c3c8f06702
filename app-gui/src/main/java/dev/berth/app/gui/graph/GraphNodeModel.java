package dev.berth.app.gui.graph;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A node on screen: fixed identity, live state and replica count (changing them never moves the node). */
public final class GraphNodeModel {

    private final GraphNode node;
    private final ObjectProperty<ServiceState> state;
    private final StringProperty replicas;
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "");

    GraphNodeModel(GraphNode node) {
        this.node = node;
        this.state = new SimpleObjectProperty<>(this, "state", node.state());
        this.replicas = new SimpleStringProperty(this, "replicas", node.replicas());
    }

    public String id() {
        return node.id();
    }

    public String label() {
        return node.label();
    }

    /** Whether the service has a {@code build:} section. */
    public boolean buildable() {
        return node.buildable();
    }

    public GraphNode.Kind kind() {
        return node.kind();
    }

    public ObjectProperty<ServiceState> stateProperty() {
        return state;
    }

    public StringProperty replicasProperty() {
        return replicas;
    }

    /** What the state hides: "restarted 12× · OOM killed", empty when nothing. */
    public StringProperty detailProperty() {
        return detail;
    }

    /** What an action is doing to the service right now ("Pulling 40 %"), empty when nothing. */
    public StringProperty progressProperty() {
        return progress;
    }
}
