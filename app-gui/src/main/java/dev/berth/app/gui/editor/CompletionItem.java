package dev.berth.app.gui.editor;

/**
 * One completion proposal: what the list shows ({@code label}, {@code detail}), what replaces the
 * typed prefix ({@code insert}, from column {@code replaceFrom} to the caret).
 */
public record CompletionItem(String label, String insert, String detail, Kind kind, int replaceFrom) {

    public enum Kind { KEY, VALUE, SERVICE, RESOURCE, IMAGE }
}
