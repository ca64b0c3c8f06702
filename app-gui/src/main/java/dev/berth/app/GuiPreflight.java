package dev.berth.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why the window cannot open, in one sentence with what to do, instead of JavaFX's stack trace: no
 * {@code DISPLAY} (checked before JavaFX is loaded), a {@code DISPLAY} nobody serves, or no GTK 3 (both
 * recognised in the exception JavaFX's toolkit start-up throws). Plain Java, so the CLI path stays JavaFX-free.
 */
final class GuiPreflight {

    static final String USE_THE_CLI = "or use the command line (./berth --help)";

    private GuiPreflight() {}

    /** On Linux JavaFX draws through GTK on X11 (XWayland on a Wayland desktop): without DISPLAY it cannot start. */
    static Optional<String> displayProblem(Map<String, String> environment, String osName) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux") || !blank(environment.get("DISPLAY"))) {
            return Optional.empty();
        }
        String wayland = blank(environment.get("WAYLAND_DISPLAY")) ? "" : " (a Wayland session needs XWayland's DISPLAY)";
        return Optional.of("berth: there is no display to open the window on, because DISPLAY is not set" + wayland
                + ": start Berth from a desktop session, set DISPLAY (for example DISPLAY=:0, or ssh -X), " + USE_THE_CLI + ".");
    }

    /** The sentence for a toolkit start-up failure Berth recognises, or empty to let the exception through. */
    static Optional<String> explain(Throwable failure, Map<String, String> environment) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Unable to open DISPLAY")) {
                return Optional.of("berth: cannot open the display DISPLAY=" + environment.getOrDefault("DISPLAY", "")
                        + " (no X server answers there): set DISPLAY to a running X server, " + USE_THE_CLI + ".");
            }
            if (message.contains("glass GTK library") || message.contains("libgtk-3")
                    || (t instanceof UnsatisfiedLinkError && message.toLowerCase(Locale.ROOT).contains("gtk"))) {
                return Optional.of("berth: the window needs GTK 3, which could not be loaded: install it (Debian/Ubuntu:"
                        + " sudo apt-get install libgtk-3-0, Fedora: sudo dnf install gtk3), " + USE_THE_CLI + ".");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
