package dev.berth.app.gui.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Recent samples per container, trimmed by age (like lazydocker's stats history): anything older than
 * {@code window} before the newest sample of that container goes. Plain Java, owned by one thread.
 */
public final class StatsHistory {

    /** How many missing seconds a container's last value covers in the project sum. */
    static final int CARRY_SECONDS = 3;

    private final Duration window;
    private final Map<String, ArrayDeque<StatsSample>> byContainer = new LinkedHashMap<>();

    public StatsHistory(Duration window) {
        this.window = window;
    }

    public void add(StatsSample sample) {
        ArrayDeque<StatsSample> samples = byContainer.computeIfAbsent(sample.containerName(), k -> new ArrayDeque<>());
        StatsSample last = samples.peekLast();
        if (last != null && sample.time().isBefore(last.time())) {
            return; // out of order (a reconnect replaying): keep the series monotonic
        }
        samples.addLast(sample);
        Instant oldest = sample.time().minus(window);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.pollFirst();
        }
    }

    /** Drops containers whose newest sample is older than the window before {@code now} (they went away). */
    public void forgetSilentSince(Instant now) {
        Instant oldest = now.minus(window);
        byContainer.values().removeIf(samples -> samples.isEmpty() || samples.peekLast().time().isBefore(oldest));
    }

    public void remove(String container) {
        byContainer.remove(container);
    }

    public List<String> containers() {
        return List.copyOf(byContainer.keySet());
    }

    public int size(String container) {
        ArrayDeque<StatsSample> samples = byContainer.get(container);
        return samples == null ? 0 : samples.size();
    }

    public Optional<StatsSample> latest(String container) {
        ArrayDeque<StatsSample> samples = byContainer.get(container);
        return samples == null ? Optional.empty() : Optional.ofNullable(samples.peekLast());
    }

    /** One metric of one container over the window. */
    public TimeSeries series(String container, ToDoubleFunction<StatsSample> metric) {
        ArrayDeque<StatsSample> samples = byContainer.get(container);
        if (samples == null || samples.isEmpty()) {
            return TimeSeries.EMPTY;
        }
        long[] times = new long[samples.size()];
        double[] values = new double[samples.size()];
        int i = 0;
        for (StatsSample sample : samples) {
            times[i] = sample.time().toEpochMilli();
            values[i] = metric.applyAsDouble(sample);
            i++;
        }
        return new TimeSeries(times, values);
    }

    /**
     * One metric summed over all containers, per second. Each container counts once per second: its last
     * value in that second, carried over seconds it skipped (sample jitter, or not yet reported for the
     * newest second) for up to {@link #CARRY_SECONDS}, so the sum neither doubles nor dips at random.
     */
    public TimeSeries projectSeries(ToDoubleFunction<StatsSample> metric) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ArrayDeque<StatsSample> samples : byContainer.values()) {
            if (!samples.isEmpty()) {
                first = Math.min(first, samples.peekFirst().time().getEpochSecond());
                last = Math.max(last, samples.peekLast().time().getEpochSecond());
            }
        }
        if (first > last) {
            return TimeSeries.EMPTY;
        }
        int span = (int) (last - first + 1);
        double[] sums = new double[span];
        boolean[] present = new boolean[span];
        for (ArrayDeque<StatsSample> samples : byContainer.values()) {
            long previousSecond = Long.MIN_VALUE;
            double previousValue = 0;
            for (StatsSample sample : samples) {
                long second = sample.time().getEpochSecond();
                if (second != previousSecond && previousSecond != Long.MIN_VALUE) {
                    addSpan(sums, present, first, previousSecond, Math.min(second - 1, previousSecond + CARRY_SECONDS), previousValue);
                }
                previousSecond = second;
                previousValue = metric.applyAsDouble(sample); // the last sample of a second wins
            }
            if (previousSecond != Long.MIN_VALUE) {
                addSpan(sums, present, first, previousSecond, Math.min(last, previousSecond + CARRY_SECONDS), previousValue);
            }
        }
        int count = 0;
        for (boolean p : present) {
            if (p) {
                count++;
            }
        }
        long[] times = new long[count];
        double[] values = new double[count];
        int k = 0;
        for (int i = 0; i < span; i++) {
            if (present[i]) {
                times[k] = (first + i) * 1000;
                values[k] = sums[i];
                k++;
            }
        }
        return new TimeSeries(times, values);
    }

    private static void addSpan(double[] sums, boolean[] present, long first, long from, long to, double value) {
        for (long s = from; s <= to; s++) {
            int i = (int) (s - first);
            sums[i] += value;
            present[i] = true;
        }
    }
}
