package dev.berth.compose.tree;

import dev.berth.compose.Location;

/**
 * A node of the untyped compose tree that flows through the load phases. Every node remembers where
 * it was written ({@link #location()}), and that location survives interpolation, merging, extends
 * and include, so a diagnostic about a merged value points at the file that introduced it.
 *
 * <p>Nodes are mutable on purpose: the phases are internal and rewrite the tree in place, which keeps
 * loading fast. The public model built at the end is immutable.
 */
public abstract sealed class Node permits MapNode, ListNode, ScalarNode {

    /** The Compose-specific YAML tags that steer merging. */
    public enum MergeTag { NONE, RESET, OVERRIDE }

    private final Location location;
    private MergeTag mergeTag = MergeTag.NONE;

    protected Node(Location location) {
        this.location = location == null ? Location.UNKNOWN : location;
    }

    public Location location() {
        return location;
    }

    public MergeTag mergeTag() {
        return mergeTag;
    }

    public void setMergeTag(MergeTag tag) {
        this.mergeTag = tag;
    }

    /** A deep copy, so that one alias or one extended service can be changed without touching the other. */
    public abstract Node copy();

    /** The plain Java value: LinkedHashMap, ArrayList, String, Long, Double, Boolean or null. */
    public abstract Object toPlain();

    /** "a mapping", "a sequence", "a string" … for messages. */
    public abstract String kindName();
}
