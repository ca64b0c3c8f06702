package dev.berth.app.gui.main;

import dev.berth.app.gui.look.WindowSizeClass;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * The divider position the user chose, kept apart from the one the split pane shows, and one per window size
 * class: a small window pushes the divider to honour the panes' minimum sizes (without this it stayed there
 * after the window grew again), and the place chosen at 800×600 is not the one wanted maximised. A resize goes
 * back to the position chosen at the new size — or, at a size never arranged, to the last one chosen — clamped by
 * the minimums; each size's choice is what is saved.
 */
final class DividerMemory {

    private final SplitPane split;
    private final Map<WindowSizeClass, double[]> chosen = new EnumMap<>(WindowSizeClass.class);
    private double[] latest;

    private DividerMemory(SplitPane split) {
        this.split = split;
        this.latest = split.getDividerPositions();
        // A drag of one of this pane's own dividers (not a nested split's) is the user's choice for this size.
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, event -> {
            if (event.getTarget() instanceof Node node && isOwnDivider(node)) {
                Platform.runLater(() -> {
                    latest = split.getDividerPositions();
                    chosen.put(sizeClass(), latest);
                });
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

    /** The class of the window the pane is in now (medium before it is in one). */
    private WindowSizeClass sizeClass() {
        Scene scene = split.getScene();
        return scene == null ? WindowSizeClass.MEDIUM : WindowSizeClass.of(scene.getWidth(), scene.getHeight());
    }

    /** After a resize: back to the position chosen at this size; the pane clamps it to the minimum sizes. */
    private void restore() {
        Platform.runLater(() -> split.setDividerPositions(wanted()));
    }

    /** A position set by the program (restored from the last run, or a default), for sizes not arranged yet. */
    void set(double... positions) {
        latest = positions.clone();
        split.setDividerPositions(positions);
    }

    /** The position chosen at {@code size} in an earlier run. */
    void remember(WindowSizeClass size, double... positions) {
        chosen.put(size, positions.clone());
    }

    /** The position wanted at the window's current size. */
    double[] wanted() {
        return chosen.getOrDefault(sizeClass(), latest).clone();
    }

    /** The positions chosen per size, which are what is remembered between runs. */
    Map<WindowSizeClass, double[]> chosenBySize() {
        Map<WindowSizeClass, double[]> copy = new EnumMap<>(WindowSizeClass.class);
        chosen.forEach((size, positions) -> copy.put(size, positions.clone()));
        return copy;
    }
}
