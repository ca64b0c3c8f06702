package dev.berth.app.gui.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A virtualised, line-indexed view of the log lines: it keeps one reusable {@link LogRow} per visible
 * line and scrolls by line, like a terminal's scroll-back. Its cost per pulse depends on the visible rows
 * only — never on how many lines are kept — which {@code ListView} and Flowless did not give us with
 * 100,000 changing items (see docs/DECISIONS.md).
 *
 * <p>When following, rows are filled from the newest line upwards; otherwise from {@link #topIndex}
 * downwards. Wrapped lines simply take more height.
 */
final class LogLinesView extends Region {

    private static final double APPROX_LINE_HEIGHT = 17;
    /** Characters an unwrapped row lays out past the view's right edge, and the step its width grows by when scrolled. */
    private static final int COLUMNS_AHEAD = 32;
    private static final int COLUMN_STEP = 64;
    /** Unwrapped rows laying out more characters than this are sized to their text exactly. */
    private static final int EXACT_WIDTH_ABOVE = 512;

    private final LogsViewModel model;
    private final LogSelection selection;
    private final LogColors colors = new LogColors();
    private boolean colorsResolved;
    private final Pane content = new Pane();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final List<LogRow> rows = new ArrayList<>();
    private final List<LogRow> shownRows = new ArrayList<>();
    private final Map<LogLine, LogRow> previousRows = new IdentityHashMap<>();
    private final ArrayDeque<LogRow> freeRows = new ArrayDeque<>();
    private final Set<LogRow> shownNow = Collections.newSetFromMap(new IdentityHashMap<>());
    private int topIndex;
    private double horizontalOffset;
    private boolean syncingBars;
    /** The width of one character of the rows' monospaced font, measured at the first layout. */
    private double columnWidth;

    LogLinesView(LogsViewModel model, LogSelection selection) {
        this.model = model;
        this.selection = selection;
        getStyleClass().add("log-lines");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(content.widthProperty());
        clip.heightProperty().bind(content.heightProperty());
        content.setClip(clip);
        content.getStyleClass().add("log-lines-content");
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(content, vbar, hbar);

        model.lines().addListener((ListChangeListener<LogLine>) this::onLinesChanged);
        model.wrapProperty().addListener((obs, old, on) -> requestLayout());
        model.showTimestampsProperty().addListener((obs, old, on) -> requestLayout());
        model.searchQueryProperty().addListener((obs, old, on) -> requestLayout());
        model.followProperty().addListener((obs, old, on) -> requestLayout());
        vbar.valueProperty().addListener((obs, old, value) -> {
            if (!syncingBars) {
                scrollToLine((int) Math.round(value.doubleValue()));
            }
        });
        hbar.valueProperty().addListener((obs, old, value) -> {
            if (!syncingBars) {
                horizontalOffset = value.doubleValue();
                requestLayout();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    }

    int topIndex() {
        return topIndex;
    }

    List<LogRow> shownRows() {
        return shownRows;
    }

    /** Scrolls so that {@code index} is the top line; reaching the end resumes following. */
    void scrollToLine(int index) {
        int size = model.lines().size();
        topIndex = Math.max(0, Math.min(index, size - 1));
        boolean atEnd = topIndex >= size - Math.max(1, shownRows.size() - 1);
        if (model.followProperty().get() != atEnd && !(atEnd && size == 0)) {
            model.followProperty().set(atEnd);
        }
        requestLayout();
    }

    void scrollBy(int lines) {
        if (lines < 0) {
            model.followProperty().set(false); // scrolling up means "let me read"
        }
        scrollToLine(topIndex + lines);
    }

    int visibleRowCount() {
        return shownRows.size();
    }

    /** The row index under a y coordinate of this view, or -1. */
    int lineAt(double y) {
        for (LogRow row : shownRows) {
            if (y >= row.getLayoutY() && y < row.getLayoutY() + row.getHeight()) {
                return row.index();
            }
        }
        return -1;
    }

    void refreshSelection() {
        shownRows.forEach(row -> row.setSelected(selection.contains(row.index())));
    }

    private void onScroll(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            int lines = (int) Math.signum(-event.getDeltaY()) * Math.max(1, (int) Math.round(Math.abs(event.getDeltaY()) / APPROX_LINE_HEIGHT));
            if (topIndex + lines < 0 && lines < 0 && model.followProperty().get()) {
                lines = 0;
            }
            if (model.followProperty().get() && lines < 0) {
                // Leaving follow mode: start from where the user sees the lines now.
                topIndex = shownRows.isEmpty() ? 0 : shownRows.getFirst().index();
            }
            scrollBy(lines);
        }
        if (event.getDeltaX() != 0 && hbar.isVisible()) {
            hbar.setValue(Math.max(0, Math.min(hbar.getMax(), hbar.getValue() - event.getDeltaX())));
        }
        event.consume();
    }

    private void onLinesChanged(ListChangeListener.Change<? extends LogLine> change) {
        while (change.next()) {
            boolean headEviction = change.wasRemoved() && change.getFrom() == 0 && !change.wasAdded();
            if (headEviction) {
                selection.shiftUp(change.getRemovedSize());
                if (!model.followProperty().get()) {
                    topIndex = Math.max(0, topIndex - change.getRemovedSize()); // stay on the same lines
                }
            } else if (change.wasReplaced() || change.wasPermutated()) {
                selection.clear(); // the filter changed: old indexes mean nothing now
            }
        }
        requestLayout();
    }

    /** Re-reads the theme's colours (after a theme switch) and redraws. */
    void themeChanged() {
        colorsResolved = false;
        rows.forEach(LogRow::forget);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        if (!colorsResolved && getScene() != null) {
            colors.resolve(content);
            colorsResolved = true;
        }
        double width = getWidth();
        double height = getHeight();
        double barWidth = vbar.prefWidth(-1);
        double barHeight = hbar.prefHeight(-1);
        boolean wrap = model.wrapProperty().get();
        boolean showHbar = !wrap && hbar.getMax() > 0;
        double viewWidth = Math.max(0, width - barWidth);
        double viewHeight = Math.max(0, height - (showHbar ? barHeight : 0));
        content.resizeRelocate(0, 0, viewWidth, viewHeight);

        double wrapWidth = wrap ? viewWidth : -1;
        fillRows(viewWidth, viewHeight, wrapWidth);

        double widest = 0;
        for (LogRow row : shownRows) {
            // a row cut at the view's edge counts at its whole width: the scroll bar reaches the end of the longest line
            widest = Math.max(widest, row.textWidth() + row.hiddenColumns() * columnWidth);
        }
        syncingBars = true;
        try {
            int size = model.lines().size();
            int shown = Math.max(1, shownRows.size());
            vbar.setMin(0);
            vbar.setMax(Math.max(0, size - shown));
            vbar.setVisibleAmount(Math.min(size, shown));
            vbar.setBlockIncrement(shown);
            vbar.setValue(Math.min(vbar.getMax(), shownRows.isEmpty() ? 0 : shownRows.getFirst().index()));
            hbar.setMax(wrap ? 0 : Math.max(0, widest - viewWidth));
            hbar.setVisibleAmount(viewWidth);
            if (hbar.getValue() > hbar.getMax()) {
                hbar.setValue(hbar.getMax());
                horizontalOffset = hbar.getMax();
            }
        } finally {
            syncingBars = false;
        }
        vbar.resizeRelocate(viewWidth, 0, barWidth, viewHeight);
        hbar.setVisible(showHbar);
        hbar.resizeRelocate(0, viewHeight, viewWidth, barHeight);
    }

    /**
     * Shows the lines that fit, reusing rows; returns the row nodes in top-to-bottom order. A line that was on
     * screen keeps its row (found by identity), so a pulse in follow mode lays out only the rows of new lines:
     * re-laying every row as the lines move up cost a text layout per row and pulse, which with long lines or
     * thousands of colour changes per line took most of a pulse.
     */
    private void fillRows(double viewWidth, double viewHeight, double wrapWidth) {
        List<LogLine> lines = model.lines();
        previousRows.clear();
        for (LogRow row : shownRows) {
            if (row.shown() != null) {
                previousRows.put(row.shown(), row);
            }
        }
        freeRows.clear();
        for (LogRow row : rows) {
            if (row.shown() == null || previousRows.get(row.shown()) != row) {
                freeRows.add(row);
            }
        }
        shownRows.clear();
        int size = lines.size();
        double offsetX = wrapWidth > 0 ? 0 : -horizontalOffset;
        if (size == 0 || viewHeight <= 0) {
            rows.forEach(row -> {
                row.forget();
                row.setVisible(false);
            });
            return;
        }
        if (model.followProperty().get()) {
            // Newest line at the bottom, filling upwards.
            double y = viewHeight;
            int index = size - 1;
            List<LogRow> upwards = new ArrayList<>();
            while (index >= 0 && y > 0) {
                LogRow row = rowFor(lines.get(index), index);
                double rowHeight = place(row, lines.get(index), index, viewWidth, wrapWidth);
                y -= rowHeight;
                row.relocate(offsetX, y);
                upwards.add(row);
                index--;
            }
            for (int i = upwards.size() - 1; i >= 0; i--) {
                shownRows.add(upwards.get(i));
            }
            topIndex = Math.max(0, index + 1);
            if (y > 0) {
                // Fewer lines than the pane is tall: pin them to the top instead.
                double shift = y;
                shownRows.forEach(row -> row.setLayoutY(row.getLayoutY() - shift));
            }
        } else {
            topIndex = Math.max(0, Math.min(topIndex, size - 1));
            double y = 0;
            int index = topIndex;
            while (index < size && y < viewHeight) {
                LogRow row = rowFor(lines.get(index), index);
                double rowHeight = place(row, lines.get(index), index, viewWidth, wrapWidth);
                row.relocate(offsetX, y);
                y += rowHeight;
                shownRows.add(row);
                index++;
            }
        }
        for (LogRow row : rows) {
            boolean shown = shownNow.contains(row);
            if (!shown) {
                row.forget();
            }
            // Rows stay children and are hidden when not needed: adding and removing nodes would restyle them.
            if (row.isVisible() != shown) {
                row.setVisible(shown);
            }
        }
        shownNow.clear();
    }

    /**
     * The row for {@code line}: the one that showed it last layout, else a free one, else the row of the
     * line farthest from it (the one that scrolled out), else a new one.
     */
    private LogRow rowFor(LogLine line, int index) {
        LogRow row = previousRows.remove(line);
        if (row == null) {
            row = freeRows.pollFirst();
        }
        if (row == null && !previousRows.isEmpty()) {
            LogLine farthest = null;
            for (Map.Entry<LogLine, LogRow> entry : previousRows.entrySet()) {
                if (farthest == null || Math.abs(entry.getValue().index() - index) > Math.abs(previousRows.get(farthest).index() - index)) {
                    farthest = entry.getKey();
                }
            }
            row = previousRows.remove(farthest);
        }
        if (row == null) {
            row = new LogRow();
            row.setManaged(false);
            rows.add(row);
            content.getChildren().add(row);
        }
        shownNow.add(row);
        return row;
    }

    /**
     * How many characters an unwrapped row lays out: those up to the view's right edge at the current horizontal
     * scroll, some more, rounded up to a step (scrolling a few pixels lays nothing out again).
     */
    private int columnsToShow(double viewWidth) {
        if (columnWidth <= 0) {
            Text probe = new Text("0".repeat(100));
            probe.setFont(LogRow.REGULAR);
            columnWidth = Math.max(1, probe.getLayoutBounds().getWidth() / 100);
        }
        int visible = (int) Math.ceil((horizontalOffset + viewWidth) / columnWidth) + COLUMNS_AHEAD;
        int stepped = (visible + COLUMN_STEP - 1) / COLUMN_STEP * COLUMN_STEP;
        return Math.min(LogRow.DISPLAY_CHARS, stepped);
    }

    private double place(LogRow row, LogLine line, int index, double viewWidth, double wrapWidth) {
        row.show(line, index, model, colors, wrapWidth > 0 ? LogRow.DISPLAY_CHARS : columnsToShow(viewWidth));
        row.setSelected(selection.contains(index));
        // Unwrapped, a row of the usual view's width of text gets a width its text cannot reach (two columns a
        // character, for wide ones): it is then laid out once per line shown, where asking its preferred width and
        // resizing to it laid it out two or three times. A row scrolled far right (or kept from the wrapped view)
        // holds up to 2,048 characters: it gets its exact width, so no row is wider than its text needs.
        double width;
        if (wrapWidth > 0) {
            width = wrapWidth;
        } else if (row.laidOutChars() <= EXACT_WIDTH_ABOVE) {
            width = Math.max(viewWidth, (row.laidOutChars() * 2 + 8) * columnWidth);
        } else {
            width = Math.max(viewWidth, row.prefWidth(-1));
        }
        double height = row.prefHeight(width);
        row.resize(width, height);
        row.layout(); // now, from the layout just made: the scroll bar reads where its text ends
        return height;
    }

}
