package dev.berth.app.gui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a YAML text read from its indentation alone, so it works on half-written files that do
 * not parse: the key path at a position (for completion and the outline's sync) and the entries of the
 * top-level sections (services, networks, volumes, secrets, configs) with their lines.
 */
public final class YamlStructure {

    /** The top-level sections the outline shows, in order. */
    public static final List<String> SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs");

    /** One entry of a section: {@code services.web} defined at {@code line} (0-based), its key at {@code column}. */
    public record Entry(String section, String name, int line, int column, int lastLine) {}

    private YamlStructure() {}

    /** One line's layout: indentation, the column of its innermost sequence dash (or -1), its key (or null). */
    record Layout(int indent, List<Integer> dashes, int keyColumn, String key, boolean blank) {

        static Layout of(String text) {
            int indent = YamlLexer.indentOf(text);
            if (indent == text.length() || text.charAt(indent) == '#') {
                return new Layout(indent, List.of(), -1, null, true);
            }
            List<Integer> dashes = new ArrayList<>();
            int i = indent;
            while (i < text.length() && text.charAt(i) == '-' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                dashes.add(i);
                i++;
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
            }
            int keyEnd = YamlLexer.keyEnd(text, i);
            String key = keyEnd > 0 ? unquote(text.substring(i, keyEnd)) : null;
            return new Layout(indent, dashes, i, key, false);
        }
    }

    /**
     * The path of the node that holds whatever starts at {@code column} of line {@code line}: for a key
     * being typed there, the mapping it belongs to ({@code [services, web]}); list items are {@code -}.
     */
    public static List<String> parentPath(List<String> lines, int line, int column) {
        List<String> path = new ArrayList<>();
        int limit = column;
        if (line < lines.size()) {
            // On a "- " line the caret's own dashes open list items the key belongs to.
            Layout own = Layout.of(lines.get(line));
            for (int d = own.dashes().size() - 1; d >= 0; d--) {
                if (own.dashes().get(d) < limit) {
                    path.addFirst("-");
                    limit = own.dashes().get(d);
                }
            }
        }
        for (int i = Math.min(line, lines.size()) - 1; i >= 0 && limit > 0; i--) {
            Layout layout = Layout.of(lines.get(i));
            if (layout.blank()) {
                continue;
            }
            if (layout.key() != null && layout.keyColumn() < limit) {
                path.addFirst(layout.key());
                limit = layout.keyColumn();
            } else if (layout.keyColumn() < limit && layout.dashes().isEmpty() && layout.key() == null) {
                // A scalar line less indented than us (a continuation line): not a parent, keep going.
                continue;
            }
            for (int d = layout.dashes().size() - 1; d >= 0; d--) {
                if (layout.dashes().get(d) < limit) {
                    path.addFirst("-");
                    limit = layout.dashes().get(d);
                }
            }
        }
        return path;
    }

    /** The full key path of the key on {@code line} (its parent path plus the key), or the parent path when there is no key. */
    public static List<String> pathAt(List<String> lines, int line) {
        if (line >= lines.size()) {
            return List.of();
        }
        Layout layout = Layout.of(lines.get(line));
        List<String> path = new ArrayList<>(parentPath(lines, line, layout.blank() ? layout.indent() : layout.keyColumn()));
        if (layout.key() != null) {
            path.add(layout.key());
        }
        return path;
    }

    /** The key on a line, or null. */
    public static String keyOf(String line) {
        return Layout.of(line).key();
    }

    /** Entries of the top-level sections, by section, in file order. */
    public static Map<String, List<Entry>> entries(List<String> lines) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        String section = null;
        int entryIndent = -1;
        List<Entry> current = null;
        for (int i = 0; i < lines.size(); i++) {
            Layout layout = Layout.of(lines.get(i));
            if (layout.blank()) {
                continue;
            }
            if (layout.indent() == 0) {
                closeLast(current, i);
                section = layout.key() != null && SECTIONS.contains(layout.key()) ? layout.key() : null;
                current = section == null ? null : out.computeIfAbsent(section, s -> new ArrayList<>());
                entryIndent = -1;
                continue;
            }
            if (current == null || layout.key() == null || !layout.dashes().isEmpty()) {
                continue;
            }
            if (entryIndent < 0) {
                entryIndent = layout.keyColumn();
            }
            if (layout.keyColumn() == entryIndent) {
                closeLast(current, i);
                current.add(new Entry(section, layout.key(), i, layout.keyColumn(), lines.size() - 1));
            }
        }
        closeLast(current, lines.size());
        return out;
    }

    /** The entry of {@code entries} whose lines contain {@code line}, or null. */
    public static Entry entryAt(Map<String, List<Entry>> entries, int line) {
        for (List<Entry> list : entries.values()) {
            for (Entry e : list) {
                if (line >= e.line() && line <= e.lastLine()) {
                    return e;
                }
            }
        }
        return null;
    }

    private static void closeLast(List<Entry> current, int nextLine) {
        if (current != null && !current.isEmpty()) {
            Entry last = current.getLast();
            if (last.lastLine() >= nextLine) {
                current.set(current.size() - 1, new Entry(last.section(), last.name(), last.line(), last.column(), nextLine - 1));
            }
        }
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'') && key.charAt(key.length() - 1) == key.charAt(0)) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }
}
