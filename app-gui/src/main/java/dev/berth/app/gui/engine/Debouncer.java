package dev.berth.app.gui.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Folds a burst of triggers (an {@code up} emits create/start/health events for every container within
 * milliseconds) into one run of the task, {@code delay} after the first trigger, through the injected
 * {@link BackgroundTasks}. Runs never overlap; a trigger during a run schedules one more.
 */
final class Debouncer {

    private final BackgroundTasks tasks;
    private final String name;
    private final Duration delay;
    private final Runnable task;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object running = new Object();

    Debouncer(BackgroundTasks tasks, String name, Duration delay, Runnable task) {
        this.tasks = tasks;
        this.name = name;
        this.delay = delay;
        this.task = task;
    }

    void trigger() {
        if (scheduled.compareAndSet(false, true)) {
            tasks.schedule(name, delay, () -> {
                synchronized (running) {
                    scheduled.set(false);
                    task.run();
                }
            });
        }
    }
}
