package dev.berth.app.gui.editor;

/**
 * Where on its line a diagnostic is underlined, {@code [start, end)} in columns: from the reported
 * column to the end of the key, quoted string or scalar there (not the trailing comment), or the whole
 * line's content when the column is unknown.
 */
public record TextRange(int start, int end) {

    public static TextRange of(String line, int column) {
        int indent = YamlLexer.indentOf(line);
        int contentEnd = line.length();
        while (contentEnd > indent && line.charAt(contentEnd - 1) == ' ') {
            contentEnd--;
        }
        if (column <= 0 || column - 1 >= line.length()) {
            return contentEnd > indent ? new TextRange(indent, contentEnd) : new TextRange(0, Math.max(1, line.length()));
        }
        int start = column - 1;
        char first = line.charAt(start);
        if (first == '"' || first == '\'') {
            int close = YamlLexer.closingQuote(line, start);
            return new TextRange(start, close < 0 ? contentEnd : close + 1);
        }
        int keyEnd = YamlLexer.keyEnd(line, start);
        if (keyEnd > 0) {
            return new TextRange(start, keyEnd);
        }
        int end = start;
        while (end < line.length() && !(line.charAt(end) == '#' && end > start && line.charAt(end - 1) == ' ')) {
            end++;
        }
        while (end > start + 1 && line.charAt(end - 1) == ' ') {
            end--;
        }
        if (line.startsWith("- ", start)) {
            start += 2;
        }
        return new TextRange(start, Math.max(end, start + 1));
    }
}
