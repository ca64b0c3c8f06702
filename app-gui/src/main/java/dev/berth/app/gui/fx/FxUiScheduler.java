package dev.berth.app.gui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The JavaFX scheduler. Pulse tasks run from one {@link AnimationTimer}, whose {@code handle} JavaFX calls
 * exactly once per pulse — so a batcher drains at most once per frame however fast producers post. The
 * timer runs only while tasks are waiting: an idle window requests no pulses.
 */
public final class FxUiScheduler implements UiScheduler {

    private final Object lock = new Object();
    private List<Runnable> nextPulse = new ArrayList<>();
    private final AtomicBoolean timerStartRequested = new AtomicBoolean();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            runPulse();
        }
    };

    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    @Override
    public void onNextPulse(Runnable task) {
        synchronized (lock) {
            nextPulse.add(task);
        }
        // One runLater to start the timer, however many tasks arrive before it starts.
        if (timerStartRequested.compareAndSet(false, true)) {
            execute(timer::start);
        }
    }

    @Override
    public boolean isUiThread() {
        return Platform.isFxApplicationThread();
    }

    private void runPulse() {
        List<Runnable> due;
        synchronized (lock) {
            due = nextPulse;
            nextPulse = new ArrayList<>();
        }
        for (Runnable task : due) {
            task.run();
        }
        synchronized (lock) {
            if (nextPulse.isEmpty()) {
                timer.stop();
                timerStartRequested.set(false);
            }
        }
    }
}
