package dev.berth.compose.tree;

import dev.berth.compose.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A YAML mapping with string keys, in source order, remembering where each key was written. */
public final class MapNode extends Node {

    private final LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
    private final LinkedHashMap<String, Location> keyLocations = new LinkedHashMap<>();

    public MapNode(Location location) {
        super(location);
    }

    public Node get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public MapNode getMap(String key) {
        return entries.get(key) instanceof MapNode m ? m : null;
    }

    public ListNode getList(String key) {
        return entries.get(key) instanceof ListNode l ? l : null;
    }

    /** The scalar value as a string (numbers and booleans printed), or null when absent or not a scalar. */
    public String getString(String key) {
        return entries.get(key) instanceof ScalarNode s && s.value() != null ? s.asString() : null;
    }

    public void put(String key, Node value) {
        put(key, value, value == null ? location() : value.location());
    }

    public void put(String key, Node value, Location keyLocation) {
        entries.put(key, value);
        keyLocations.putIfAbsent(key, keyLocation);
    }

    /** Replaces or adds an entry keeping the position of an existing key. */
    public void replace(String key, Node value) {
        if (entries.containsKey(key)) {
            entries.put(key, value);
        } else {
            put(key, value);
        }
    }

    public Node remove(String key) {
        keyLocations.remove(key);
        return entries.remove(key);
    }

    public Location keyLocation(String key) {
        Location l = keyLocations.get(key);
        return l == null ? location() : l;
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public Set<Map.Entry<String, Node>> entries() {
        return entries.entrySet();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public MapNode copy() {
        MapNode copy = new MapNode(location());
        copy.setMergeTag(mergeTag());
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            copy.put(e.getKey(), e.getValue() == null ? null : e.getValue().copy(), keyLocation(e.getKey()));
        }
        return copy;
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            plain.put(e.getKey(), e.getValue() == null ? null : e.getValue().toPlain());
        }
        return plain;
    }

    @Override
    public String kindName() {
        return "a mapping";
    }
}
