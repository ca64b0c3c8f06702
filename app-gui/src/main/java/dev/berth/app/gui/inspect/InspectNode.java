package dev.berth.app.gui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of an inspected JSON document: an object, an array or a value, with the path that names it
 * ({@code NetworkSettings.Ports["80/tcp"][0].HostPort} reads as {@code NetworkSettings/Ports/80/tcp/0/HostPort}
 * here; the path is an identity, not a query language).
 */
public record InspectNode(String key, String path, Kind kind, String value, List<InspectNode> children) {

    public enum Kind { OBJECT, ARRAY, VALUE }

    /** Builds the tree of a parsed JSON value: maps, lists, strings, numbers, booleans and nulls. */
    public static InspectNode of(String key, Object json) {
        return build(key, "", json);
    }

    private static InspectNode build(String key, String parentPath, Object json) {
        String path = parentPath.isEmpty() ? key : parentPath + "/" + key;
        if (json instanceof Map<?, ?> map) {
            List<InspectNode> children = new ArrayList<>(map.size());
            map.forEach((k, v) -> children.add(build(String.valueOf(k), path, v)));
            return new InspectNode(key, path, Kind.OBJECT, "{" + map.size() + "}", List.copyOf(children));
        }
        if (json instanceof List<?> list) {
            List<InspectNode> children = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                children.add(build(String.valueOf(i), path, list.get(i)));
            }
            return new InspectNode(key, path, Kind.ARRAY, "[" + list.size() + "]", List.copyOf(children));
        }
        return new InspectNode(key, path, Kind.VALUE, json == null ? "null" : String.valueOf(json), List.of());
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }
}
