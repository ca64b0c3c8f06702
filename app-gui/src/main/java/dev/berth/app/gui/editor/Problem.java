package dev.berth.app.gui.editor;

import dev.berth.compose.Diagnostic;

/** A diagnostic placed in an open document, at a 0-based line; what the problems list shows. */
public record Problem(EditorDocument document, Diagnostic diagnostic, int line) {

    /** {@code compose.yaml:4  services.web additional properties 'enviroment' not allowed — did you mean …}. */
    public String text() {
        String hint = diagnostic.hint() == null ? "" : " — " + diagnostic.hint();
        return document.name() + ":" + (line + 1) + "  " + diagnostic.message() + hint;
    }
}
