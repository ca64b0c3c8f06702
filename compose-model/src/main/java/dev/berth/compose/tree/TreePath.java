package dev.berth.compose.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted paths such as {@code services.web.ports.0}, as diagnostics show them and as
 * {@link PathRules} patterns match them. A dot inside a key (labels
 * like {@code com.example.x}, service names like {@code api.v1}) is escaped as {@code \.} so that
 * patterns keep matching by segment; {@link #display} removes the escapes for messages.
 */
public final class TreePath {

    private TreePath() {}

    public static String child(String parent, String key) {
        String escaped = key.indexOf('.') >= 0 || key.indexOf('\\') >= 0
                ? key.replace("\\", "\\\\").replace(".", "\\.")
                : key;
        return parent.isEmpty() ? escaped : parent + "." + escaped;
    }

    public static String index(String parent, int i) {
        return parent.isEmpty() ? String.valueOf(i) : parent + "." + i;
    }

    /** The path as users write it: {@code services.api.v1.image}. */
    public static String display(String path) {
        return path.indexOf('\\') < 0 ? path : String.join(".", segments(path));
    }

    public static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                current.append(path.charAt(++i));
            } else if (c == '.') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
