package dev.berth.app.gui.terminal;

import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Copy and paste for the terminal through JavaFX's clipboard. JediTermFX's own handler goes through AWT's
 * ({@code java.awt.Toolkit}), which starts AWT beside JavaFX, is headless in the packaged app's runtime and
 * does not see what the rest of the window copied. The terminal calls this on the FX thread (key presses and
 * its menu), where JavaFX's clipboard must be used. X11's "selection" clipboard has no JavaFX counterpart: it
 * is kept here, so select-then-middle-click works inside the terminal.
 */
final class FxClipboardCopyPaste implements TerminalCopyPasteHandler {

    private String selection;

    @Override
    public void setContents(String text, boolean useSystemSelectionClipboardIfAvailable) {
        if (useSystemSelectionClipboardIfAvailable) {
            selection = text;
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public String getContents(boolean useSystemSelectionClipboardIfAvailable) {
        if (useSystemSelectionClipboardIfAvailable && selection != null) {
            return selection;
        }
        Clipboard clipboard = Clipboard.getSystemClipboard();
        return clipboard.hasString() ? clipboard.getString() : null;
    }
}
