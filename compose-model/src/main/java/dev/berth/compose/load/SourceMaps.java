package dev.berth.compose.load;

import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import java.util.List;

/**
 * Answers "where was this path written" by walking the final tree. A mapping or sequence value is
 * located at its key (what an editor should highlight), a scalar at the scalar itself. Keys may
 * contain dots ({@code com.example.label}); the walk tries the longest key first.
 */
final class SourceMaps {

    private SourceMaps() {}

    static Location locate(MapNode root, String path) {
        List<String> parts = List.of(path.split("\\."));
        Location found = Location.UNKNOWN;
        Node node = root;
        int i = 0;
        while (i < parts.size()) {
            if (node instanceof MapNode map) {
                int j = parts.size();
                String key = null;
                for (; j > i; j--) {
                    String candidate = String.join(".", parts.subList(i, j));
                    if (map.has(candidate)) {
                        key = candidate;
                        break;
                    }
                }
                if (key == null) {
                    return found;
                }
                Node value = map.get(key);
                found = value instanceof ScalarNode s ? s.location() : map.keyLocation(key);
                node = value;
                i = j;
            } else if (node instanceof ListNode list) {
                int index;
                try {
                    index = Integer.parseInt(parts.get(i));
                } catch (NumberFormatException e) {
                    return found;
                }
                if (index < 0 || index >= list.size()) {
                    return found;
                }
                node = list.get(index);
                found = node.location();
                i++;
            } else {
                return found;
            }
        }
        return found;
    }
}
