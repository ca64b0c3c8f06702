package dev.berth.app.gui.controls;

import dev.berth.app.gui.logs.AnsiParser;
import dev.berth.app.gui.look.Theme;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** An action that failed: its title, and every detail (engine message, diagnostics) in an expandable area. */
public final class FailureDialog {

    private FailureDialog() {}

    public static void show(Window owner, String title, String rawDetails) {
        // A build's output quotes the engine's colours ("\e[91m" before a step's stderr): text here, not a terminal.
        String details = rawDetails == null ? null : rawDetails.lines().map(AnsiParser::strip).collect(Collectors.joining("\n"));
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        Theme.attach(alert.getDialogPane());
        alert.setTitle("Berth");
        alert.setHeaderText(title);
        String first = details == null ? "" : details.lines().findFirst().orElse("");
        alert.setContentText(first.length() > 300 ? first.substring(0, 300) + "…" : first);
        TextArea area = new TextArea(details);
        area.setEditable(false);
        area.setWrapText(true);
        area.setId("failure-details");
        alert.getDialogPane().setExpandableContent(area);
        alert.getDialogPane().setExpanded(details != null && details.lines().count() > 1);
        alert.show(); // not showAndWait: the FX thread never blocks on a dialog from a background result
    }
}
