package dev.berth.app.gui.stats;

/**
 * An immutable snapshot of one metric over time, ready to draw: times in epoch milliseconds, ascending.
 * Arrays are never modified after construction.
 */
public record TimeSeries(long[] times, double[] values) {

    public static final TimeSeries EMPTY = new TimeSeries(new long[0], new double[0]);

    public TimeSeries {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
    }

    public int size() {
        return times.length;
    }

    public double max() {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    public double last() {
        return values.length == 0 ? 0 : values[values.length - 1];
    }
}
