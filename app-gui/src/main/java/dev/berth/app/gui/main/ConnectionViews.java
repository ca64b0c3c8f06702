package dev.berth.app.gui.main;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.feed.EngineConnection;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * What the window shows about the engine connection beyond the status bar: a panel in place of the
 * panes when no engine was ever reached (what was tried, how to fix it, that it retries by itself), and a
 * banner over the greyed last state when a connected engine went away.
 */
final class ConnectionViews {

    private ConnectionViews() {}

    /** Visible while the connection is {@link EngineConnection.Kind#UNAVAILABLE}. */
    static VBox unavailablePanel(ObservableValue<EngineConnection> connection) {
        return unavailablePanel(connection, null);
    }

    /** @param firstAction shown first under the title ("Start Berth's engine"), or null for none */
    static VBox unavailablePanel(ObservableValue<EngineConnection> connection, Node firstAction) {
        Label title = new Label("No container engine is reachable");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE));
        Label hint = new Label("Berth needs Docker Engine 20.10+ or Podman 4+. Start it (sudo systemctl start docker, "
                + "or systemctl --user start podman.socket), or point Berth at it with DOCKER_HOST or a docker context. "
                + "Berth keeps trying in the background and connects as soon as one answers.");
        hint.setWrapText(true);
        hint.setMaxWidth(640);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        TextArea tried = new TextArea();
        tried.setId("engine-tried");
        tried.setEditable(false);
        tried.setWrapText(true);
        tried.setMaxWidth(640);
        tried.setPrefRowCount(8);
        tried.textProperty().bind(connection.map(EngineConnection::details).orElse(""));
        Label retry = new Label();
        retry.textProperty().bind(connection.map(EngineConnection::status).orElse(""));
        VBox panel = new VBox(12, title, hint, tried, retry);
        if (firstAction != null) {
            panel.getChildren().add(1, firstAction);
        }
        panel.setId("engine-unavailable");
        panel.setAlignment(Pos.CENTER);
        panel.setPadding(new Insets(24));
        panel.getStyleClass().add("engine-unavailable");
        panel.visibleProperty().bind(connection.map(c -> c.kind() == EngineConnection.Kind.UNAVAILABLE).orElse(false));
        panel.managedProperty().bind(panel.visibleProperty());
        return panel;
    }

    /** Visible while the connection is {@link EngineConnection.Kind#LOST}. */
    static HBox lostBanner(ObservableValue<EngineConnection> connection) {
        Label text = new Label();
        text.setId("engine-lost");
        text.setGraphic(Icons.icon(Feather.WIFI_OFF));
        // No retry countdown here: the status bar counts the attempts, and this line would go stale between them.
        text.setText("Lost the connection to the engine — showing the last known state, greyed, until it is back. "
                + "Berth reconnects by itself and the logs and stats go on from where they stopped.");
        text.setWrapText(true);
        HBox banner = new HBox(text);
        banner.setId("engine-lost-banner");
        banner.getStyleClass().add("engine-lost-banner");
        banner.setPadding(new Insets(6, 12, 6, 12));
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(connection.map(c -> c.kind() == EngineConnection.Kind.LOST).orElse(false));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
