package dev.berth.app.gui.editor;

import dev.berth.app.gui.look.HelpOverlay;
import dev.berth.app.gui.look.Shortcuts.Shortcut;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The compose editor's keys, in one place: {@link EditorView} and {@link CodeEditor} match key events against
 * these and the F1 help lists them from here, so the help cannot drift from what the keys do.
 */
public final class EditorKeys {

    public static final Shortcut SAVE = shortcut(KeyCode.S, "Save the file (written atomically)");
    public static final Shortcut APPLY = shortcut(KeyCode.ENTER, "Apply: preview what Up changes, then save and run it");
    public static final Shortcut COMPLETE = shortcut(KeyCode.SPACE, "Complete the key or value at the caret");
    public static final Shortcut FIND = shortcut(KeyCode.F, "Find in the file");
    public static final Shortcut REPLACE = shortcut(KeyCode.H, "Find and replace");
    public static final Shortcut GO_TO_LINE = shortcut(KeyCode.L, "Go to line");
    public static final Shortcut COMMENT = shortcut(KeyCode.SLASH, "Comment or uncomment the lines");

    private EditorKeys() {}

    private static Shortcut shortcut(KeyCode key, String description) {
        return new Shortcut(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN), description);
    }

    /** Whether {@code event} is {@code shortcut}'s key (Shift is allowed, so Ctrl+Shift+Space still completes). */
    static boolean matches(Shortcut shortcut, KeyEvent event) {
        return shortcut.keys() instanceof KeyCodeCombination combination && event.getCode() == combination.getCode()
                && event.isShortcutDown() && !event.isAltDown();
    }

    public static List<Shortcut> all() {
        return List.of(SAVE, APPLY, COMPLETE, FIND, REPLACE, GO_TO_LINE, COMMENT);
    }

    /** The F1 key of the editor window: shows or hides the list of these keys over the editor. */
    public static final KeyCodeCombination HELP = new KeyCodeCombination(KeyCode.F1);

    /** The editor's keys as help rows: the accelerators, then the gestures (both F1 lists show these). */
    public static List<HelpOverlay.Row> helpRows() {
        List<HelpOverlay.Row> rows = new ArrayList<>();
        all().forEach(key -> rows.add(new HelpOverlay.Row(key.keysText(), key.description())));
        gestures().forEach(g -> rows.add(new HelpOverlay.Row(g[0], g[1])));
        return rows;
    }

    /** Keys the editor handles that are not single accelerators, as the help shows them. */
    public static List<String[]> gestures() {
        return List.of(new String[] {"Ctrl+Click", "Go to the definition of the service under the mouse"},
                new String[] {"Tab / Shift+Tab", "Indent / outdent (in the text)"},
                new String[] {"Esc", "Close the completion list, the find bar or the preview"});
    }
}
