package dev.berth.app.gui.fx;

import java.util.ArrayDeque;

/**
 * Runs UI work on the calling thread: the "current-thread executor" view-model tests use. Re-entrant
 * requests (a pulse task that asks for another pulse) are trampolined instead of recursing, so a batcher
 * that reschedules itself finishes its backlog in a loop.
 */
public final class DirectUiScheduler implements UiScheduler {

    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private boolean running;

    @Override
    public void execute(Runnable task) {
        run(task);
    }

    @Override
    public void onNextPulse(Runnable task) {
        run(task);
    }

    @Override
    public boolean isUiThread() {
        return true;
    }

    private synchronized void run(Runnable task) {
        pending.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable next;
            while ((next = pending.poll()) != null) {
                next.run();
            }
        } finally {
            running = false;
        }
    }
}
