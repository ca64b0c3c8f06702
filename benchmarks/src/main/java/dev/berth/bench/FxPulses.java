package dev.berth.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * How smoothly the FX thread runs while something happens: the wall-clock gap between consecutive pulses
 * (an AnimationTimer keeps a pulse scheduled every frame) and the FX thread's CPU time per pulse (a
 * post-layout pulse listener), as app-gui's PulseProbe measures them; plus the small FX helpers the GUI
 * benches share. Start and stop it on the FX thread (or through {@link #start} / {@link #stop}, which hop).
 */
final class FxPulses {

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
            long at = System.nanoTime(); // the timer's "now" is the pulse's scheduled time; measure when it really ran
            if (lastPulse != 0) {
                synchronized (gaps) {
                    gaps.add(at - lastPulse);
                }
            }
            lastPulse = at;
        }
    };

    FxPulses(Scene scene) {
        this.scene = scene;
    }

    FxPulses start() throws Exception {
        onFx(() -> {
            timer.start();
            scene.addPostLayoutPulseListener(cpuListener);
            return null;
        });
        return this;
    }

    FxPulses stop() throws Exception {
        onFx(() -> {
            timer.stop();
            scene.removePostLayoutPulseListener(cpuListener);
            return null;
        });
        return this;
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

    /** "pulses 312, gap p50 16.7 / p99 33.1 / max 48.0 ms, FX CPU per pulse p99 4.1 / max 9.9 ms". */
    String summary() {
        synchronized (gaps) {
            return String.format("pulses %d, gap p50 %.1f / p99 %.1f / max %.1f ms, FX CPU per pulse p99 %.1f / max %.1f ms",
                    gaps.size(), percentile(gaps, 0.5), percentile(gaps, 0.99), percentile(gaps, 1.0),
                    percentile(cpu, 0.99), percentile(cpu, 1.0));
        }
    }

    double gapP99() {
        synchronized (gaps) {
            return percentile(gaps, 0.99);
        }
    }

    private static double percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
    }

    static <T> T onFx(Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Polls {@code condition} on the FX thread every 20 ms until it holds; fails after {@code seconds}. */
    static void waitUntil(int seconds, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The wall-clock time of the end of the next layout pulse of {@code scene} (call on the FX thread). */
    static CompletableFuture<Long> nextPulse(Scene scene) {
        CompletableFuture<Long> at = new CompletableFuture<>();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (at.complete(System.nanoTime())) {
                Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0])); // not while the scene iterates them
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
        return at;
    }
}
