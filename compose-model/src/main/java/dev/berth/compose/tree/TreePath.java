package dev.berth.compose.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted paths such as {@code services.web.ports.0} and patterns such as {@code services.*.ports}
 * used as keys of the rule tables (one rule per line, like compose-go). A dot inside a key (labels
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

    /** True when {@code path} matches {@code pattern}, where {@code *} matches exactly one segment. */
    public static boolean matches(String path, String pattern) {
        int pl = path.length();
        int ql = pattern.length();
        if (pl == 0 || ql == 0) {
            return pl == ql;
        }
        int p = 0;
        int q = 0;
        while (true) {
            int pe = segmentEnd(path, p);
            int qe = pattern.indexOf('.', q);
            if (qe < 0) {
                qe = ql;
            }
            boolean star = qe - q == 1 && pattern.charAt(q) == '*';
            if (!star && (pe - p != qe - q || !path.regionMatches(p, pattern, q, qe - q))) {
                return false;
            }
            boolean pathDone = pe >= pl;
            boolean patternDone = qe >= ql;
            if (pathDone || patternDone) {
                return pathDone && patternDone;
            }
            p = pe + 1;
            q = qe + 1;
        }
    }

    private static int segmentEnd(String path, int from) {
        for (int i = from; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '.') {
                return i;
            }
        }
        return path.length();
    }
}
