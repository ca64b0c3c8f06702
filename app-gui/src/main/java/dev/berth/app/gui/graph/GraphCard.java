package dev.berth.app.gui.graph;

import dev.berth.app.gui.look.PseudoStates;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A node's card: a rounded box coloured by state through CSS classes ({@code state-running} …), showing the
 * name, the state and the replica count. Listens to its node's properties, so a state change restyles the
 * card in place.
 */
final class GraphCard extends VBox {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");

    private final GraphNodeModel node;
    private final Label state = new Label();
    private final Label replicas = new Label();
    private final Label detail = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final PseudoStates cssState = new PseudoStates(this);

    GraphCard(GraphNodeModel node) {
        this.node = node;
        getStyleClass().addAll("graph-node", "graph-node-" + node.kind().name().toLowerCase(Locale.ROOT));
        setPrefSize(ServiceGraphViewModel.NODE_WIDTH, ServiceGraphViewModel.NODE_HEIGHT);
        setMinSize(ServiceGraphViewModel.NODE_WIDTH, ServiceGraphViewModel.NODE_HEIGHT);
        setMaxSize(ServiceGraphViewModel.NODE_WIDTH, ServiceGraphViewModel.NODE_HEIGHT);

        Label name = new Label(node.label());
        name.getStyleClass().add("graph-node-name");
        name.setMaxWidth(ServiceGraphViewModel.NODE_WIDTH - 24);
        if (node.kind() == GraphNode.Kind.SERVICE) {
            Circle dot = new Circle(4);
            dot.getStyleClass().add("graph-node-dot");
            state.getStyleClass().add("graph-node-state");
            replicas.getStyleClass().add("graph-node-replicas");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox status = new HBox(6, dot, state, spacer, replicas);
            status.setAlignment(Pos.CENTER_LEFT);
            detail.getStyleClass().add("graph-node-detail");
            detail.setMaxWidth(ServiceGraphViewModel.NODE_WIDTH - 24);
            detail.textProperty().bind(node.detailProperty());
            detail.visibleProperty().bind(node.detailProperty().isNotEmpty());
            detail.managedProperty().bind(detail.visibleProperty());
            getChildren().addAll(name, status, detail);
            Tooltip.install(this, tooltip);
            node.detailProperty().addListener((obs, old, now) -> showState(node.stateProperty().get()));
            node.stateProperty().addListener((obs, old, now) -> showState(now));
            node.progressProperty().addListener((obs, old, now) -> showState(node.stateProperty().get()));
            replicas.textProperty().bind(node.replicasProperty());
            showState(node.stateProperty().get());
        } else {
            FontIcon icon = new FontIcon(node.kind() == GraphNode.Kind.NETWORK ? Feather.SHARE_2 : Feather.HARD_DRIVE);
            icon.getStyleClass().add("graph-node-icon");
            name.setGraphic(icon);
            Label kind = new Label(node.kind() == GraphNode.Kind.NETWORK ? "network" : "volume");
            kind.getStyleClass().add("graph-node-state");
            getChildren().addAll(name, kind);
        }
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(4);
        setAccessibleText(node.label());
    }

    GraphNodeModel node() {
        return node;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    private void showState(ServiceState now) {
        cssState.set(now.cssState());
        String progress = node.progressProperty().get();
        state.setText(progress == null || progress.isEmpty() ? now.label() : progress + "\u2026");
        pseudoClassStateChanged(BUSY, progress != null && !progress.isEmpty());
        String more = node.detailProperty().get();
        tooltip.setText(node.label() + ": " + now.label() + " · " + node.replicasProperty().get() + " running"
                + (more == null || more.isEmpty() ? "" : "\n" + more));
    }
}
