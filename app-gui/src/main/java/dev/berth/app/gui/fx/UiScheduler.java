package dev.berth.app.gui.fx;

/**
 * Where view-models send work that must touch the UI. The JavaFX implementation runs it on the FX
 * thread; tests inject {@link DirectUiScheduler} or {@link ManualUiScheduler} so view-models run on the
 * calling thread without a display.
 */
public interface UiScheduler {

    /** Runs {@code task} on the UI thread, soon (immediately if already there, for the direct scheduler). */
    void execute(Runnable task);

    /**
     * Runs {@code task} once on the next UI pulse (frame). Callers coalesce: asking twice before the pulse
     * runs the task twice, so batchers guard with their own "scheduled" flag.
     */
    void onNextPulse(Runnable task);

    /** Whether the caller is on the UI thread. */
    boolean isUiThread();
}
