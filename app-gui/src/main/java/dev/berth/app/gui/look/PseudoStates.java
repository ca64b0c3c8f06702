package dev.berth.app.gui.look;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * One of a set of mutually exclusive states of a node, shown as a CSS pseudo-class ({@code .graph-node:running},
 * {@code .container-state:bad}): switching the state turns the old one off, so a node never carries two, and
 * its style classes stay the fixed ones it was built with.
 */
public final class PseudoStates {

    private final Node node;
    private PseudoClass current;

    public PseudoStates(Node node) {
        this.node = node;
    }

    /** Shows {@code state} (a CSS identifier: {@code exited-error}), or none when null. */
    public void set(String state) {
        PseudoClass next = state == null ? null : PseudoClass.getPseudoClass(state);
        if (next == current) {
            return;
        }
        if (current != null) {
            node.pseudoClassStateChanged(current, false);
        }
        if (next != null) {
            node.pseudoClassStateChanged(next, true);
        }
        current = next;
    }
}
