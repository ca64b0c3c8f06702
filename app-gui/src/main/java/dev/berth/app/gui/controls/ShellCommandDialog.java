package dev.berth.app.gui.controls;

import dev.berth.app.gui.look.Theme;
import java.util.Optional;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/** "Open shell with…": the command to run in the container's terminal, prefilled with the last one used. */
public final class ShellCommandDialog {

    private ShellCommandDialog() {}

    /** The command line the user typed (blank answers and Cancel are empty); waits for the answer. */
    public static Optional<String> ask(Window owner, String containerName, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        Theme.attach(dialog.getDialogPane());
        dialog.setTitle("Berth");
        dialog.setHeaderText("Open a terminal in " + containerName + " running:");
        dialog.setContentText("Command");
        dialog.getEditor().setId("shell-command");
        dialog.getEditor().setPrefColumnCount(32);
        return dialog.showAndWait().map(String::strip).filter(line -> !line.isEmpty());
    }
}
