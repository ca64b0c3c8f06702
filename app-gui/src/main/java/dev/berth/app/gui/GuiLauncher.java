package dev.berth.app.gui;

import javafx.application.Application;

/** Starts the JavaFX application; called by name from {@link dev.berth.app.Main} so the CLI never loads JavaFX. */
public final class GuiLauncher {

    private GuiLauncher() {}

    /** Launches the GUI and blocks until the last window closes. {@code path} may be null. */
    public static void launch(String path) {
        if (path == null) {
            Application.launch(BerthApplication.class);
        } else {
            Application.launch(BerthApplication.class, path);
        }
    }
}
