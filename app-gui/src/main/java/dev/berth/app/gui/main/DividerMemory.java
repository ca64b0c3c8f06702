package dev.berth.app.gui.main;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * The divider position the user chose, kept apart from the one the split pane shows: a small window pushes
 * the divider to honour the panes' minimum sizes, and without this it stayed there after the window grew
 * again. The chosen position is what a resize goes back to (clamped by the minimums) and what is saved.
 */
final class DividerMemory {

    private final SplitPane split;
    private double[] wanted;

    private DividerMemory(SplitPane split) {
        this.split = split;
        this.wanted = split.getDividerPositions();
        // A drag of one of this pane's own dividers (not a nested split's) is the user's choice.
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, event -> {
            if (event.getTarget() instanceof Node node && isOwnDivider(node)) {
                Platform.runLater(() -> wanted = split.getDividerPositions());
            }
        });
        split.widthProperty().addListener((obs, old, now) -> restore());
        split.heightProperty().addListener((obs, old, now) -> restore());
    }

    static DividerMemory install(SplitPane split) {
        return new DividerMemory(split);
    }

    private boolean isOwnDivider(Node node) {
        for (Node n = node; n != null && n != split; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider") && n.getParent() == split) {
                return true;
            }
        }
        return false;
    }

    /** After a resize: back to the chosen position; the pane clamps it to the minimum sizes at this size. */
    private void restore() {
        double[] positions = wanted;
        Platform.runLater(() -> split.setDividerPositions(positions));
    }

    /** A position set by the program (restored from the last run, or a default). */
    void set(double... positions) {
        wanted = positions.clone();
        split.setDividerPositions(positions);
    }

    /** The position the user chose, which is what is remembered between runs. */
    double[] wanted() {
        return wanted.clone();
    }
}
