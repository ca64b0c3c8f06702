package dev.berth.app.gui.editor;

import dev.berth.compose.validation.SchemaCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Completion proposals at a caret: schema keys valid at the caret's path (with descriptions), enum and
 * well-known values, service names where services are referenced, the project's declared networks,
 * volumes, secrets and configs, and local image names for {@code image:}. Pure: the caller hands in the
 * text lines, the names declared across the project's files and the image names it knows.
 */
public final class CompletionEngine {

    private final SchemaCatalog catalog;

    public CompletionEngine(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param lines    the document's lines
     * @param line     the caret's line (0-based)
     * @param column   the caret's column
     * @param declared names declared across the project: section ("services", "networks", …) → names;
     *                 asked for only where a name is expected (it scans every open file)
     * @param images   local image names ({@code repo:tag}), asked for only where an image is expected
     */
    public List<CompletionItem> complete(List<String> lines, int line, int column, Supplier<? extends Map<String, ? extends Iterable<String>>> declared,
                                         Supplier<List<String>> images) {
        String text = line < lines.size() ? lines.get(line) : "";
        String before = text.substring(0, Math.min(column, text.length()));
        for (Token t : YamlLexer.lex(before, YamlLexer.PLAIN).tokens()) {
            if (t.type() == TokenType.COMMENT) {
                return List.of();
            }
        }
        YamlStructure.Layout layout = YamlStructure.Layout.of(before);
        int contentStart = layout.blank() ? before.length() : layout.keyColumn();
        String content = before.substring(Math.min(contentStart, before.length()));
        int colon = keyColon(content);
        List<CompletionItem> out = new ArrayList<>();
        if (colon >= 0) {
            // "key: val|" — a value of key.
            String key = content.substring(0, colon).strip();
            int valueStart = contentStart + colon + 1;
            while (valueStart < before.length() && before.charAt(valueStart) == ' ') {
                valueStart++;
            }
            List<String> path = new ArrayList<>(YamlStructure.parentPath(lines, line, contentStart));
            path.add(unquote(key));
            values(path, before.substring(valueStart), valueStart, declared, images, out);
            return out;
        }
        List<String> parent = YamlStructure.parentPath(lines, line, contentStart);
        String prefix = content.strip();
        boolean listItem = !parent.isEmpty() && "-".equals(parent.getLast()) && !layout.dashes().isEmpty()
                && layout.dashes().getLast() < contentStart;
        if (listItem) {
            values(parent, prefix, contentStart, declared, images, out);
        }
        if (!listItem || out.isEmpty()) {
            keys(parent, prefix, contentStart, declared, lines, line, out);
        }
        return out;
    }

    private void keys(List<String> parent, String prefix, int from, Supplier<? extends Map<String, ? extends Iterable<String>>> declared,
                      List<String> lines, int line, List<CompletionItem> out) {
        Set<String> present = siblingKeys(lines, line, from);
        if (parent.size() == 3 && isService(parent, 1) && "depends_on".equals(parent.get(2))) {
            names(declared, "services", prefix, from, CompletionItem.Kind.SERVICE, ":", parent.get(1), out);
            return;
        }
        if (parent.size() == 3 && isService(parent, 1) && List.of("networks", "secrets", "configs").contains(parent.get(2))) {
            names(declared, parent.get(2), prefix, from, CompletionItem.Kind.RESOURCE, ":", null, out);
            return;
        }
        List<CompletionItem> starts = new ArrayList<>();
        List<CompletionItem> contains = new ArrayList<>();
        for (SchemaCatalog.Key key : catalog.keysAt(parent)) {
            if (present.contains(key.name()) && !key.name().equalsIgnoreCase(prefix)) {
                continue;
            }
            String name = key.name().toLowerCase(Locale.ROOT);
            String p = prefix.toLowerCase(Locale.ROOT);
            CompletionItem item = new CompletionItem(key.name(), key.name() + ": ", key.description(), CompletionItem.Kind.KEY, from);
            if (name.startsWith(p)) {
                starts.add(item);
            } else if (!p.isEmpty() && name.contains(p)) {
                contains.add(item);
            }
        }
        out.addAll(starts);
        out.addAll(contains);
    }

    private void values(List<String> path, String typed, int from, Supplier<? extends Map<String, ? extends Iterable<String>>> declared,
                        Supplier<List<String>> images, List<CompletionItem> out) {
        String prefix = unquote(typed.strip());
        String owner = path.size() >= 2 && isService(path, 1) ? path.get(1) : null;
        String field = path.size() >= 3 && isService(path, 1) ? path.get(2) : null;
        boolean item = "-".equals(path.getLast());
        if (field != null && path.size() == 4 && item) {
            switch (field) {
                case "depends_on", "links" -> names(declared, "services", prefix, from, CompletionItem.Kind.SERVICE, "", owner, out);
                case "networks" -> names(declared, "networks", prefix, from, CompletionItem.Kind.RESOURCE, "", null, out);
                case "secrets", "configs" -> names(declared, field, prefix, from, CompletionItem.Kind.RESOURCE, "", null, out);
                case "volumes" -> names(declared, "volumes", prefix, from, CompletionItem.Kind.RESOURCE, ":", null, out);
                default -> { }
            }
        }
        if (field != null && ("extends".equals(field) && (path.size() == 3 || path.size() == 4 && "service".equals(path.get(3))))) {
            names(declared, "services", prefix, from, CompletionItem.Kind.SERVICE, "", owner, out);
        }
        if (field != null && path.size() == 3 && "image".equals(field)) {
            for (String image : images.get()) {
                if (image.startsWith(prefix) || image.contains(prefix)) {
                    out.add(new CompletionItem(image, image, "local image", CompletionItem.Kind.IMAGE, from));
                }
            }
        }
        String description = catalog.descriptionAt(path);
        for (String value : catalog.valuesAt(path)) {
            if (value.startsWith(prefix)) {
                out.add(new CompletionItem(value, value, description, CompletionItem.Kind.VALUE, from));
            }
        }
    }

    private static void names(Supplier<? extends Map<String, ? extends Iterable<String>>> declared, String section, String prefix, int from,
                              CompletionItem.Kind kind, String suffix, String exclude, List<CompletionItem> out) {
        Iterable<String> names = declared.get().get(section);
        if (names == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (name.equals(exclude) || !seen.add(name) || !name.startsWith(prefix)) {
                continue;
            }
            String detail = "services".equals(section) ? "service" : section.substring(0, section.length() - 1) + " declared in the project";
            out.add(new CompletionItem(name, name + suffix, detail, kind, from));
        }
    }

    /** Keys already written in the mapping the caret is in, so completion does not offer them twice. */
    private static Set<String> siblingKeys(List<String> lines, int line, int column) {
        Set<String> keys = new LinkedHashSet<>();
        for (int dir : new int[] {-1, 1}) {
            for (int i = line + dir; i >= 0 && i < lines.size(); i += dir) {
                YamlStructure.Layout l = YamlStructure.Layout.of(lines.get(i));
                if (l.blank()) {
                    continue;
                }
                if (l.keyColumn() < column || !l.dashes().isEmpty() && l.dashes().getFirst() < column) {
                    break;
                }
                if (l.keyColumn() == column && l.key() != null) {
                    keys.add(l.key());
                }
            }
        }
        return keys;
    }

    private static boolean isService(List<String> path, int index) {
        return path.size() > index && "services".equals(path.getFirst());
    }

    /** The index of the ':' ending a key in {@code content} ("key: value"), or -1. */
    private static int keyColon(String content) {
        int end = YamlLexer.keyEnd(content, 0);
        return end > 0 && content.length() > end + 1 ? end : -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 1 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
            s = s.substring(1);
            if (!s.isEmpty() && (s.endsWith("\"") || s.endsWith("'"))) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }
}
