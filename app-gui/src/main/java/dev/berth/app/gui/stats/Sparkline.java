package dev.berth.app.gui.stats;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;

/**
 * A small time-series chart: a line and a light area under it, over a fixed time window ending now. The
 * same two shapes are reused for every update and at most one point per pixel column is kept (the column's
 * maximum, so spikes survive), so drawing costs the same however many samples the window holds.
 */
public final class Sparkline extends Region {

    private final Polyline line = new Polyline();
    private final Polygon area = new Polygon();
    private TimeSeries series = TimeSeries.EMPTY;
    private long windowEndMillis;
    private long windowMillis = StatsViewModel.WINDOW.toMillis();
    private double ceiling;

    public Sparkline(double prefWidth, double prefHeight) {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        area.getStyleClass().add("sparkline-area");
        line.setManaged(false);
        area.setManaged(false);
        getChildren().addAll(area, line);
        setPrefSize(prefWidth, prefHeight);
        setMinSize(40, 16);
    }

    /**
     * Shows {@code series} over the window ending at {@code endMillis}; {@code ceiling} is the value drawn at
     * the top (0: the series' own maximum, with headroom).
     */
    public void show(TimeSeries series, long endMillis, double ceiling) {
        this.series = series == null ? TimeSeries.EMPTY : series;
        this.windowEndMillis = endMillis;
        this.ceiling = ceiling;
        requestLayout();
    }

    public void setWindowMillis(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** How many points the line has now (for tests: it never exceeds the width in pixels). */
    public int pointCount() {
        return line.getPoints().size() / 2;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double left = snappedLeftInset();
        double top = snappedTopInset();
        int columns = (int) Math.max(1, Math.floor(width));
        if (series.size() == 0 || width <= 0 || height <= 0) {
            line.getPoints().clear();
            area.getPoints().clear();
            return;
        }
        double top100 = ceiling > 0 ? ceiling : Math.max(1e-9, series.max() * 1.15);
        long start = windowEndMillis - windowMillis;
        double[] columnMax = new double[columns];
        boolean[] used = new boolean[columns];
        long[] times = series.times();
        double[] values = series.values();
        for (int i = 0; i < times.length; i++) {
            if (times[i] < start) {
                continue;
            }
            int column = (int) Math.min(columns - 1, Math.max(0, (times[i] - start) * (columns - 1) / (double) windowMillis));
            columnMax[column] = used[column] ? Math.max(columnMax[column], values[i]) : values[i];
            used[column] = true;
        }
        int count = 0;
        for (boolean u : used) {
            if (u) {
                count++;
            }
        }
        Double[] linePoints = new Double[count * 2];
        Double[] areaPoints = new Double[count * 2 + 4];
        int p = 0;
        double firstX = 0;
        double lastX = 0;
        for (int column = 0; column < columns; column++) {
            if (!used[column]) {
                continue;
            }
            double x = left + column;
            double y = top + height - Math.min(1, columnMax[column] / top100) * height;
            if (p == 0) {
                firstX = x;
            }
            lastX = x;
            linePoints[p * 2] = x;
            linePoints[p * 2 + 1] = y;
            areaPoints[p * 2] = x;
            areaPoints[p * 2 + 1] = y;
            p++;
        }
        areaPoints[count * 2] = lastX;
        areaPoints[count * 2 + 1] = top + height;
        areaPoints[count * 2 + 2] = firstX;
        areaPoints[count * 2 + 3] = top + height;
        line.getPoints().setAll(linePoints);
        area.getPoints().setAll(areaPoints);
    }
}
