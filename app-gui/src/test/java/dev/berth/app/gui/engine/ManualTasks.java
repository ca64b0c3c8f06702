package dev.berth.app.gui.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BackgroundTasks} for tests: nothing runs until the test says so. {@link #runPending()} runs queued
 * tasks on the test's thread (and those they queue); {@link #advance} moves a virtual clock and queues the
 * scheduled tasks that fall due. No threads, no sleeping.
 */
final class ManualTasks implements BackgroundTasks {

    private record Due(String name, long at, Runnable task, boolean[] cancelled) {}

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Due> scheduled = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private long now;

    @Override
    public synchronized void run(String name, Runnable task) {
        names.add(name);
        queue.add(task);
    }

    @Override
    public synchronized Scheduled schedule(String name, Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        scheduled.add(new Due(name, now + delay.toMillis(), task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every queued task, and those they queue, on this thread. */
    void runPending() {
        for (Runnable next = poll(); next != null; next = poll()) {
            next.run();
        }
    }

    private synchronized Runnable poll() {
        return queue.poll();
    }

    /** Moves the clock by {@code step}, then runs what fell due and everything that queues. */
    void advance(Duration step) {
        List<Due> due = new ArrayList<>();
        synchronized (this) {
            now += step.toMillis();
            scheduled.removeIf(d -> {
                if (d.at() <= now) {
                    due.add(d);
                    return true;
                }
                return false;
            });
        }
        due.stream().filter(d -> !d.cancelled()[0]).forEach(d -> run(d.name(), d.task()));
        runPending();
    }

    /** Scheduled tasks with this name not run and not cancelled yet. */
    synchronized int waiting(String name) {
        return (int) scheduled.stream().filter(d -> !d.cancelled()[0] && d.name().equals(name)).count();
    }

    /** Names of every task run so far (the stream loops are named after their containers). */
    synchronized List<String> names() {
        return List.copyOf(names);
    }
}
