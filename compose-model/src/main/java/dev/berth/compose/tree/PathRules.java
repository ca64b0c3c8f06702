package dev.berth.compose.tree;

import java.util.HashMap;
import java.util.Map;

/**
 * A rule table keyed by path patterns ({@code services.*.ports.*.target}), stored as a trie so that a
 * walk over the tree finds the rule of each node by following one child per key, instead of matching
 * every pattern against every path. {@code *} matches any one key or list index.
 */
public final class PathRules<T> {

    private final Map<String, PathRules<T>> children = new HashMap<>();
    private PathRules<T> any;
    private T rule;

    public PathRules<T> put(String pattern, T value) {
        PathRules<T> node = this;
        for (String segment : pattern.split("\\.")) {
            node = segment.equals("*") ? node.anyChild() : node.children.computeIfAbsent(segment, k -> new PathRules<>());
        }
        node.rule = value;
        return this;
    }

    private PathRules<T> anyChild() {
        if (any == null) {
            any = new PathRules<>();
        }
        return any;
    }

    /** The sub-table for one more key, or null when no rule lies below it. */
    public PathRules<T> next(String key) {
        PathRules<T> exact = children.get(key);
        return exact != null ? exact : any;
    }

    /** The rule for exactly this path, or null. */
    public T rule() {
        return rule;
    }

    /** The rule for a whole dotted path (escaped keys allowed), or null. */
    public T ruleFor(String path) {
        PathRules<T> node = this;
        for (String segment : TreePath.segments(path)) {
            node = node.next(segment);
            if (node == null) {
                return null;
            }
        }
        return node.rule;
    }
}
