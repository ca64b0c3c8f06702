package dev.berth.app.gui.fx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures how smoothly the FX thread runs: the wall-clock gap between consecutive pulses (an
 * AnimationTimer) and the FX thread's CPU time per pulse (a post-layout pulse listener). Start and stop it
 * on the FX thread.
 */
public final class PulseProbe {

    private final Scene scene;
    private final List<Long> gaps = new ArrayList<>();
    private final List<Long> cpu = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long lastPulse;
    private long lastCpu = -1;
    private final Runnable cpuListener = this::onLayout;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastPulse != 0) {
                synchronized (gaps) {
                    gaps.add(now - lastPulse);
                }
            }
            lastPulse = now;
        }
    };

    public PulseProbe(Scene scene) {
        this.scene = scene;
    }

    public void start() {
        timer.start();
        scene.addPostLayoutPulseListener(cpuListener);
    }

    public void stop() {
        timer.stop();
        scene.removePostLayoutPulseListener(cpuListener);
    }

    private void onLayout() {
        long now = threads.getCurrentThreadCpuTime();
        if (lastCpu >= 0) {
            synchronized (gaps) {
                cpu.add(now - lastCpu);
            }
        }
        lastCpu = now;
    }

    public int pulses() {
        synchronized (gaps) {
            return gaps.size();
        }
    }

    public double longestGapMillis() {
        return max(gaps);
    }

    public double gapPercentileMillis(double p) {
        return percentile(gaps, p);
    }

    public double longestCpuMillis() {
        return max(cpu);
    }

    public double cpuPercentileMillis(double p) {
        return percentile(cpu, p);
    }

    private double max(List<Long> values) {
        synchronized (gaps) {
            return values.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        }
    }

    private double percentile(List<Long> values, double p) {
        synchronized (gaps) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
        }
    }
}
