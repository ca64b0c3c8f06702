package dev.berth.app.gui.fx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures how smoothly the FX thread runs: the wall-clock gap between consecutive pulses (an
 * AnimationTimer) and the FX thread's CPU time per pulse (a post-layout pulse listener). Where a long gap's
 * time went is told by two more figures per pulse: the render thread's CPU time (Prism drawing the previous
 * frame, which the next pulse waits for) and the JVM's garbage-collection time. Start and stop it on the FX
 * thread.
 */
public final class PulseProbe {

    private final Scene scene;
    private final List<Long> gaps = new ArrayList<>();
    private final List<Long> cpu = new ArrayList<>();
    private final List<Long> render = new ArrayList<>();
    private final List<Long> gc = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long renderThread = renderThreadId();
    private long lastPulse;
    private long lastCpu = -1;
    private long lastRender = -1;
    private long lastGc = -1;
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
        long rendered = renderThread < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(renderThread));
        long collected = gcMillis();
        if (lastCpu >= 0) {
            synchronized (gaps) {
                cpu.add(now - lastCpu);
                render.add(rendered - lastRender);
                gc.add((collected - lastGc) * 1_000_000);
            }
        }
        lastCpu = now;
        lastRender = rendered;
        lastGc = collected;
    }

    /** Prism's render thread ("QuantumRenderer-0"), or -1 when there is none to be found. */
    private static long renderThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::threadId).findFirst().orElse(-1);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** The render thread's CPU time per pulse at this percentile, ms. */
    public double renderPercentileMillis(double p) {
        return percentile(render, p);
    }

    public double longestRenderMillis() {
        return max(render);
    }

    /** Garbage-collection time (all collectors, stop-the-world or not) over the whole run, ms. */
    public double totalGcMillis() {
        synchronized (gaps) {
            return gc.stream().mapToLong(Long::longValue).sum() / 1e6;
        }
    }

    /** The FX thread's CPU time over all pulses, ms: steadier than a percentile on a shared machine. */
    public double totalCpuMillis() {
        synchronized (gaps) {
            return cpu.stream().mapToLong(Long::longValue).sum() / 1e6;
        }
    }

    /** The render thread's CPU time over all pulses, ms. */
    public double totalRenderMillis() {
        synchronized (gaps) {
            return render.stream().mapToLong(Long::longValue).sum() / 1e6;
        }
    }

    /** "render p99 12.0 ms, max 40.1 ms; GC 120 ms in all": the figures that explain a gap, for a test's print-out. */
    public String breakdown() {
        return String.format("render CPU per pulse p99 %.1f ms, max %.1f ms; CPU in all: FX %.0f ms, render %.0f ms; GC %.0f ms",
                renderPercentileMillis(0.99), longestRenderMillis(), totalCpuMillis(), totalRenderMillis(), totalGcMillis());
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
