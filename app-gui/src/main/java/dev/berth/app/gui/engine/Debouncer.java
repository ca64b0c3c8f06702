package dev.berth.app.gui.engine;

import java.time.Duration;

/**
 * Folds a burst of triggers (an {@code up} emits create/start/health events for every container within
 * milliseconds) into one run of the task, {@code delay} after the first trigger, through the injected
 * {@link BackgroundTasks}. Runs never overlap, and after a run the next one waits at least {@code minInterval}:
 * triggers meanwhile are folded into that one run. So a quiet engine's first event is shown after
 * {@code delay}, and a storm (a crash loop restarting every 100 ms sends four events each time) costs at most
 * one run per {@code delay + minInterval + run time}, however many events arrive (docs/RELIABILITY.md, fault 6).
 */
final class Debouncer {

    private final BackgroundTasks tasks;
    private final String name;
    private final Duration delay;
    private final Duration minInterval;
    private final Runnable task;
    private final Object lock = new Object();
    private final Object running = new Object();
    /** A run is scheduled, running or cooling down: a trigger only marks {@link #dirty}. */
    private boolean busy;
    /** Triggered since the last run began. */
    private boolean dirty;

    Debouncer(BackgroundTasks tasks, String name, Duration delay, Runnable task) {
        this(tasks, name, delay, Duration.ZERO, task);
    }

    Debouncer(BackgroundTasks tasks, String name, Duration delay, Duration minInterval, Runnable task) {
        this.tasks = tasks;
        this.name = name;
        this.delay = delay;
        this.minInterval = minInterval;
        this.task = task;
    }

    void trigger() {
        synchronized (lock) {
            dirty = true;
            if (busy) {
                return;
            }
            busy = true;
        }
        tasks.schedule(name, delay, this::runOnce);
    }

    private void runOnce() {
        synchronized (running) {
            synchronized (lock) {
                dirty = false;
            }
            try {
                task.run();
            } finally {
                if (minInterval.isZero()) {
                    afterCooldown();
                } else {
                    tasks.schedule(name, minInterval, this::afterCooldown);
                }
            }
        }
    }

    /** Triggered while the run ran or cooled down: run once more now (the delay has long passed); else go idle. */
    private void afterCooldown() {
        synchronized (lock) {
            if (!dirty) {
                busy = false;
                return;
            }
        }
        if (minInterval.isZero()) {
            tasks.schedule(name, delay, this::runOnce); // as before: a trigger during a run schedules one more
        } else {
            tasks.run(name, this::runOnce);
        }
    }
}
