package dev.berth.app;

import dev.berth.app.cli.AotTraining;
import dev.berth.app.cli.BerthCli;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Entry point of the {@code berth} program. With no arguments, or {@code open PATH}, it starts the GUI;
 * anything else is a headless CLI command. The GUI class is loaded by name so that CLI runs never load
 * JavaFX (faster start, and they work without a display).
 *
 * <p>This class must not extend {@code javafx.application.Application}: JavaFX on the class path needs a
 * plain main class.
 */
public final class Main {

    private static final String GUI_LAUNCHER = "dev.berth.app.gui.GuiLauncher";

    private Main() {}

    public static void main(String[] args) throws Exception {
        // The schema validator logs through SLF4J, and without a provider SLF4J warns on stderr at every
        // start; CLI output must stay clean (scripts parse it).
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (args.length == 0 || (args[0].equals("open") && args.length <= 2)) {
            String path = args.length == 2 ? args[1] : null;
            launchGui(path);
            return;
        }
        int exit = BerthCli.run(args);
        if (Boolean.getBoolean("berth.training")) {
            AotTraining.run(); // the launcher's AOT training run: see what real commands load
        }
        System.exit(exit);
    }

    /** The GUI, or one sentence on stderr and exit 1 when this machine cannot show a window (no display, no GTK 3). */
    private static void launchGui(String path) throws Exception {
        Optional<String> noDisplay = GuiPreflight.displayProblem(System.getenv(), System.getProperty("os.name"));
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            System.exit(1);
        }
        try {
            Class.forName(GUI_LAUNCHER).getMethod("launch", String.class).invoke(null, path);
        } catch (InvocationTargetException e) {
            Optional<String> explained = GuiPreflight.explain(e.getCause(), System.getenv());
            if (explained.isEmpty()) {
                throw e;
            }
            System.err.println(explained.get());
            System.exit(1); // JavaFX's launcher thread may still be alive
        }
    }
}
