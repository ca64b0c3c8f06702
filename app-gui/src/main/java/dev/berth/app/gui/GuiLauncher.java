package dev.berth.app.gui;

import java.util.logging.Logger;
import javafx.application.Application;

/** Starts the JavaFX application; called by name from {@link dev.berth.app.Main} so the CLI never loads JavaFX. */
public final class GuiLauncher {

    /**
     * JavaFX's general logger ("javafx", where PlatformImpl reports the class-path set-up), held here:
     * java.util.logging keeps loggers only weakly, so a filter on one nobody references would be lost.
     */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private GuiLauncher() {}

    /** Launches the GUI and blocks until the last window closes. {@code path} may be null. */
    public static void launch(String path) {
        StartupPhases.mark("launcher");
        // Berth runs JavaFX from the class path on purpose (see docs/DECISIONS.md); silence the warning
        // JavaFX prints about it on every start.
        // Only that one message: other JavaFX warnings still show.
        JAVAFX.setFilter(record -> record.getMessage() == null || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
        if (path == null) {
            Application.launch(BerthApplication.class);
        } else {
            Application.launch(BerthApplication.class, path);
        }
    }
}
