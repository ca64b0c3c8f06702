package dev.berth.app.gui;

import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/** Starts the JavaFX application; called by name from {@link dev.berth.app.Main} so the CLI never loads JavaFX. */
public final class GuiLauncher {

    /**
     * Held here: java.util.logging keeps loggers only weakly, so a level set on a logger nobody references is
     * lost at the next collection — the warning then still reached the terminal on every start.
     */
    private static final Logger JAVAFX_PLATFORM = Logger.getLogger("com.sun.javafx.application.PlatformImpl");

    private GuiLauncher() {}

    /** Launches the GUI and blocks until the last window closes. {@code path} may be null. */
    public static void launch(String path) {
        StartupPhases.mark("launcher");
        // Berth runs JavaFX from the class path on purpose (see docs/DECISIONS.md); silence the warning
        // JavaFX prints about it on every start.
        JAVAFX_PLATFORM.setLevel(Level.SEVERE);
        if (path == null) {
            Application.launch(BerthApplication.class);
        } else {
            Application.launch(BerthApplication.class, path);
        }
    }
}
