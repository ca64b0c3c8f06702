package dev.berth.app.gui.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Folds a burst of triggers (an {@code up} emits create/start/health events for every container within
 * milliseconds) into one run of the task, {@code delay} after the first trigger, on a virtual thread. Runs
 * never overlap; a trigger during a run schedules one more.
 */
final class Debouncer {

    private final Duration delay;
    private final Runnable task;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object running = new Object();

    Debouncer(Duration delay, Runnable task) {
        this.delay = delay;
        this.task = task;
    }

    void trigger() {
        if (scheduled.compareAndSet(false, true)) {
            Thread.ofVirtual().name("berth-debounce").start(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (running) {
                    scheduled.set(false);
                    task.run();
                }
            });
        }
    }
}
