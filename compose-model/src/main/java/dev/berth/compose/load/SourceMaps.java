package dev.berth.compose.load;

import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.TreePath;
import java.util.HashMap;
import java.util.Map;

/** Records where every node of the final tree was written, keyed by its display path. */
final class SourceMaps {

    private SourceMaps() {}

    static Map<String, Location> of(MapNode root) {
        Map<String, Location> out = new HashMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Node node, String path, Map<String, Location> out) {
        if (!path.isEmpty()) {
            out.put(TreePath.display(path), node.location());
        }
        if (node instanceof MapNode map) {
            for (Map.Entry<String, Node> e : map.entries()) {
                String child = TreePath.child(path, e.getKey());
                if (e.getValue() == null) {
                    out.put(TreePath.display(child), map.keyLocation(e.getKey()));
                } else {
                    walk(e.getValue(), child, out);
                    // A key is more useful to point at than its value when the value is a collection.
                    if (!(e.getValue() instanceof dev.berth.compose.tree.ScalarNode)) {
                        out.put(TreePath.display(child), map.keyLocation(e.getKey()));
                    }
                }
            }
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), TreePath.index(path, i), out);
            }
        }
    }
}
