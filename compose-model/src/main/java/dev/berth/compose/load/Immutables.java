package dev.berth.compose.load;

import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep unmodifiable plain values (maps, lists, scalars; nulls allowed, order kept) built in one pass. */
final class Immutables {

    private Immutables() {}

    static Object plain(Node node) {
        if (node == null) {
            return null;
        }
        return switch (node) {
            case MapNode map -> {
                Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
                for (Map.Entry<String, Node> e : map.entries()) {
                    out.put(e.getKey(), plain(e.getValue()));
                }
                yield Collections.unmodifiableMap(out);
            }
            case ListNode list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Node item : list.items()) {
                    out.add(plain(item));
                }
                yield Collections.unmodifiableList(out);
            }
            case ScalarNode scalar -> scalar.value();
        };
    }
}
