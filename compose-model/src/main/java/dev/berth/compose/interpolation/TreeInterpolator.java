package dev.berth.compose.interpolation;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.Diagnostics;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands variables in every string value of a tree (never in keys), reporting each failure with the
 * path and position of the value. Each unset variable is warned about once per file.
 */
public final class TreeInterpolator {

    private final Function<String, String> lookup;
    private final Diagnostics diagnostics;
    private final Set<String> warnedUnset = new HashSet<>();

    public TreeInterpolator(Function<String, String> lookup, Diagnostics diagnostics) {
        this.lookup = lookup;
        this.diagnostics = diagnostics;
    }

    public void interpolate(Node node, String path) {
        walk(node, path.isEmpty() ? null : new Where(null, path, -1));
    }

    /** The path of the node being visited, built into a string only when a message needs it. */
    private record Where(Where parent, String key, int index) {
        String path() {
            String parentPath = parent == null ? "" : parent.path();
            return key != null ? TreePath.child(parentPath, key) : TreePath.index(parentPath, index);
        }
    }

    private void walk(Node node, Where where) {
        switch (node) {
            case MapNode map -> {
                for (Map.Entry<String, Node> e : map.entries()) {
                    if (e.getValue() != null) {
                        walk(e.getValue(), new Where(where, e.getKey(), -1));
                    }
                }
            }
            case ListNode list -> {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), new Where(where, null, i));
                }
            }
            case ScalarNode scalar -> {
                if (scalar.value() instanceof String s && s.indexOf('$') >= 0) {
                    expandScalar(scalar, s, where == null ? "" : where.path());
                }
            }
        }
    }

    private void expandScalar(ScalarNode scalar, String text, String path) {
        String shown = TreePath.display(path);
        try {
            scalar.setValue(Template.expand(text, lookup, name -> {
                if (warnedUnset.add(name)) {
                    diagnostics.add(Diagnostic.warning("variable-unset", path, scalar.location(),
                            "The \"" + name + "\" variable is not set. Defaulting to a blank string."));
                }
            }));
        } catch (InterpolationException e) {
            if (e.kind() == InterpolationException.Kind.INVALID_FORMAT) {
                diagnostics.add(Diagnostic.error("interpolation-format", path, scalar.location(),
                                "invalid interpolation format for " + shown + ": \"" + e.getMessage() + "\"")
                        .withHint("You may need to escape any $ with another $."));
            } else {
                diagnostics.add(Diagnostic.error("interpolation-required", path, scalar.location(),
                        "error while interpolating " + shown + ": " + e.getMessage()));
            }
        }
    }
}
