package dev.berth.app.gui.terminal;

import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;

/**
 * JediTermFX's widget with copy and paste on JavaFX's clipboard ({@link FxClipboardCopyPaste}); its keys are
 * JediTermFX's defaults: Ctrl+Shift+C / Ctrl+Shift+V (Cmd+C / Cmd+V on macOS), Ctrl+C stays the interrupt.
 */
final class TerminalWidget extends JediTermFxWidget {

    TerminalWidget(int columns, int rows) {
        super(columns, rows, new DefaultSettingsProvider());
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState style, TerminalTextBuffer buffer) {
        return new TerminalPanel(settings, buffer, style) {
            @Override
            protected TerminalCopyPasteHandler createCopyPasteHandler() {
                return new FxClipboardCopyPaste();
            }
        };
    }
}
