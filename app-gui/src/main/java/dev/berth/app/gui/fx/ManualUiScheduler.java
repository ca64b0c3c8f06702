package dev.berth.app.gui.fx;

import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler whose pulses a test fires by hand: {@link #execute} runs at once, {@link #onNextPulse}
 * waits for {@link #pulse()}. Lets tests check what happens "per pulse" (budgets, coalescing) without a
 * display.
 */
public final class ManualUiScheduler implements UiScheduler {

    private List<Runnable> nextPulse = new ArrayList<>();
    private int pulses;

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public synchronized void onNextPulse(Runnable task) {
        nextPulse.add(task);
    }

    @Override
    public boolean isUiThread() {
        return true;
    }

    /** Fires one pulse: runs what was waiting for it; work requested meanwhile waits for the next one. */
    public void pulse() {
        List<Runnable> due;
        synchronized (this) {
            due = nextPulse;
            nextPulse = new ArrayList<>();
            pulses++;
        }
        due.forEach(Runnable::run);
    }

    public synchronized int waitingTasks() {
        return nextPulse.size();
    }

    public synchronized int pulses() {
        return pulses;
    }
}
