package dev.berth.compose.tree;

import dev.berth.compose.Location;
import java.util.ArrayList;
import java.util.List;

/** A YAML sequence. */
public final class ListNode extends Node {

    private final List<Node> items = new ArrayList<>();

    public ListNode(Location location) {
        super(location);
    }

    public List<Node> items() {
        return items;
    }

    public void add(Node node) {
        items.add(node);
    }

    public int size() {
        return items.size();
    }

    public Node get(int i) {
        return items.get(i);
    }

    @Override
    public ListNode copy() {
        ListNode copy = new ListNode(location());
        copy.setMergeTag(mergeTag());
        for (Node n : items) {
            copy.add(n.copy());
        }
        return copy;
    }

    @Override
    public List<Object> toPlain() {
        List<Object> plain = new ArrayList<>(items.size());
        for (Node n : items) {
            plain.add(n.toPlain());
        }
        return plain;
    }

    @Override
    public String kindName() {
        return "a sequence";
    }
}
