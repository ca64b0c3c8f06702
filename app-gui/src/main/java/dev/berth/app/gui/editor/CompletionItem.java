package dev.berth.app.gui.editor;

/**
 * One completion proposal: what the list shows ({@code label}, {@code detail}), what replaces the
 * typed prefix ({@code insert}, from column {@code replaceFrom} to the caret).
 */
public record CompletionItem(String label, String insert, String detail, Kind kind, int replaceFrom) {

    public enum Kind { KEY, VALUE, SERVICE, RESOURCE, IMAGE }

    /**
     * A change to one line: replace columns {@code from}..{@code to} with {@code text}, then put the caret at
     * column {@code caret}.
     */
    public record Edit(int from, int to, String text, int caret) {}

    /**
     * What accepting this item does to {@code line} with the caret at {@code column}: the typed prefix and the
     * rest of the name after the caret are replaced, and when the line already has the key's colon after the
     * name ({@code rest|: on-failure}), the name alone is inserted and the caret goes past the existing
     * {@code ": "} — so the colon is never doubled ({@code restart: : on-failure}).
     */
    public Edit editAt(String line, int column) {
        int caret = Math.min(column, line.length());
        int from = Math.min(replaceFrom, caret);
        int to = caret;
        while (to < line.length() && (kind == Kind.IMAGE ? !Character.isWhitespace(line.charAt(to)) : isNameChar(line.charAt(to)))) {
            to++;
        }
        String text = insert;
        String suffix = text.endsWith(": ") ? ": " : text.endsWith(":") ? ":" : "";
        int after = to;
        while (after < line.length() && line.charAt(after) == ' ') {
            after++;
        }
        if (!suffix.isEmpty() && after < line.length() && line.charAt(after) == ':') {
            text = text.substring(0, text.length() - suffix.length());
            int past = after + 1;
            if (past < line.length() && line.charAt(past) == ' ') {
                past++;
            }
            return new Edit(from, after, text, from + text.length() + (past - after));
        }
        return new Edit(from, to, text, from + text.length());
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
