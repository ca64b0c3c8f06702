package dev.berth.app.gui.controls;

import dev.berth.app.BerthVersion;
import dev.berth.app.gui.AppIcons;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.look.Theme;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help › About: Berth's version (the root pom's, the same one {@code berth version} and the installer's package
 * metadata show), the Java runtime it runs on, and the engine it is talking to.
 */
public final class AboutDialog {

    private AboutDialog() {}

    /** The dialog's lines, in order: Berth's version, the Java runtime, the engine (or why there is none). */
    static List<String> lines(EngineConnection connection) {
        String engine = connection.kind() == EngineConnection.Kind.CONNECTED ? connection.status()
                : "Engine: not connected (" + connection.status() + ")";
        return List.of("Berth " + BerthVersion.version(),
                "Java " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " ("
                        + System.getProperty("java.vendor", "unknown vendor") + ")",
                engine.startsWith("Engine") ? engine : "Engine: " + engine);
    }

    public static Alert show(Window owner, EngineConnection connection) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("About Berth");
        alert.setHeaderText("Berth " + BerthVersion.version());
        ImageView logo = new ImageView(AppIcons.windowIcons().getLast());
        logo.setFitWidth(64);
        logo.setPreserveRatio(true);
        alert.setGraphic(logo);
        VBox content = new VBox(6);
        content.setId("about-lines");
        for (String line : lines(connection)) {
            Label label = new Label(line);
            label.setWrapText(true);
            label.setMaxWidth(460);
            content.getChildren().add(label);
        }
        alert.getDialogPane().setContent(content);
        Theme.attach(alert.getDialogPane());
        alert.show();
        return alert;
    }
}
