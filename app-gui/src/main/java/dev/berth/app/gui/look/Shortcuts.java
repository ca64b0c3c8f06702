package dev.berth.app.gui.look;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the main window, in one place: the menus install them from here and the F1
 * overlay lists them from here, so the help can never drift from what the keys do.
 */
public final class Shortcuts {

    /** A shortcut and what it does, in the words the help overlay shows. */
    public record Shortcut(KeyCombination keys, String description) {
        public String keysText() {
            return display(keys);
        }
    }

    public static final Shortcut OPEN = new Shortcut(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), "Open a compose file or folder");
    public static final Shortcut UP = new Shortcut(new KeyCodeCombination(KeyCode.F5), "Up: create and start the project");
    public static final Shortcut DOWN = new Shortcut(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), "Down: stop and remove the project");
    public static final Shortcut FIND = new Shortcut(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), "Find in logs");
    public static final Shortcut FIT = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), "Fit the service graph");
    public static final Shortcut LOGS = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.ALT_DOWN), "Show logs");
    public static final Shortcut STATS = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.ALT_DOWN), "Show stats");
    public static final Shortcut TOP = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.ALT_DOWN), "Show processes (top)");
    public static final Shortcut INSPECT = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.ALT_DOWN), "Show inspect");
    public static final Shortcut CONTAINERS = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.ALT_DOWN), "Show containers");
    public static final Shortcut THEME = new Shortcut(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), "Switch light/dark theme");
    public static final Shortcut HELP = new Shortcut(new KeyCodeCombination(KeyCode.F1), "Show this help");
    public static final Shortcut EDIT = new Shortcut(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), "Edit the project's compose files");
    public static final Shortcut QUIT = new Shortcut(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), "Quit Berth");

    /** Opens the focused service card's actions (as do Enter and the context-menu key). */
    public static final Shortcut CARD_ACTIONS = new Shortcut(new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN),
            "The focused card's actions (the Menu key too)");

    private Shortcuts() {}

    /** How the help shows keys: JavaFX's text, with words for the symbols it uses ("Ctrl+Enter", not "Ctrl+↵"). */
    public static String display(KeyCombination keys) {
        return keys.getDisplayText().replace("↵", "Enter").replace("⇥", "Tab").replace("⌫", "Backspace");
    }

    /** What the help says about keys that are not accelerators: moving through the window, the graph. */
    public static List<String[]> gestures() {
        return List.of(new String[] {"Tab / Shift+Tab", "Move to the next / previous control, service cards included"},
                new String[] {CARD_ACTIONS.keysText() + " / Enter", CARD_ACTIONS.description()},
                new String[] {"Ctrl+wheel / drag", "Zoom / pan the service graph"},
                new String[] {"Space", "Press the focused button"});
    }

    public static List<Shortcut> all() {
        return List.of(OPEN, EDIT, UP, DOWN, FIND, FIT, LOGS, STATS, TOP, INSPECT, CONTAINERS, THEME, HELP, QUIT);
    }
}
