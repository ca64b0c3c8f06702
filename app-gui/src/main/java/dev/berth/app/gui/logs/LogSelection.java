package dev.berth.app.gui.logs;

/**
 * The selected run of lines in the logs pane, as indexes into the shown list: an anchor (where the click
 * started) and a caret (where shift-click or shift-arrow moved it). Contiguous on purpose: what you copy
 * from a log is a stretch of it.
 */
public final class LogSelection {

    private int anchor = -1;
    private int caret = -1;

    public void select(int index) {
        anchor = index;
        caret = index;
    }

    public void extendTo(int index) {
        if (anchor < 0) {
            anchor = index;
        }
        caret = index;
    }

    public void clear() {
        anchor = -1;
        caret = -1;
    }

    public boolean isEmpty() {
        return anchor < 0;
    }

    public int first() {
        return Math.min(anchor, caret);
    }

    public int last() {
        return Math.max(anchor, caret);
    }

    public int caret() {
        return caret;
    }

    public boolean contains(int index) {
        return !isEmpty() && index >= first() && index <= last();
    }

    /** Keeps the selection on the same lines after {@code count} lines were removed from the top. */
    public void shiftUp(int count) {
        if (isEmpty() || count <= 0) {
            return;
        }
        anchor -= count;
        caret -= count;
        if (Math.max(anchor, caret) < 0) {
            clear();
        } else {
            anchor = Math.max(0, anchor);
            caret = Math.max(0, caret);
        }
    }
}
