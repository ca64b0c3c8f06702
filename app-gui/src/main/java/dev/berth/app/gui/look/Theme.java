package dev.berth.app.gui.look;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The one place that styles Berth: the AtlantaFX base (light or dark, for the whole application) and Berth's
 * own stylesheets, attached here to every scene, dialog and popup that needs them, so a new window cannot
 * forget one and a stylesheet's path is written once.
 */
public final class Theme {

    /** The main window's look: cards, badges, panels, the help overlay. */
    public static final String BERTH = stylesheet("/dev/berth/app/gui/berth.css");
    /** The compose editor: syntax colours, squiggles, the completion popup, the plan preview. */
    public static final String EDITOR = stylesheet("/dev/berth/app/gui/editor/editor.css");

    private Theme() {}

    /** Switches the base look of every window (AtlantaFX's Primer light or dark). */
    public static void applyBase(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS());
    }

    /** A window's scene: Berth's look. */
    public static void attach(Scene scene) {
        addOnce(scene.getStylesheets(), BERTH);
    }

    /** The editor's nodes, and the popups it opens (a popup is a scene of its own). */
    public static void attachEditor(Parent node) {
        addOnce(node.getStylesheets(), EDITOR);
    }

    /** A dialog's pane (a scene of its own): the same look as the window it belongs to. */
    public static void attach(Parent dialogPane) {
        addOnce(dialogPane.getStylesheets(), BERTH);
    }

    private static void addOnce(List<String> sheets, String sheet) {
        if (!sheets.contains(sheet)) {
            sheets.add(sheet);
        }
    }

    private static String stylesheet(String path) {
        return Theme.class.getResource(path).toExternalForm();
    }
}
