package dev.berth.app.gui.engine;

import java.time.Duration;

/**
 * Where the GUI's engine layer runs its work: engine calls and stream loops ({@link #run}) and work due
 * later ({@link #schedule}: debounced re-listings, the top poll). The app uses {@link #virtualThreads()};
 * tests inject a manual one that runs queued tasks when told and moves time by hand, so the layer is
 * tested without an engine and without sleeping (JabRef's {@code TaskExecutor}, current-thread in tests).
 */
public interface BackgroundTasks {

    /** A task due later; cancelling it before it runs means it never runs. */
    interface Scheduled {
        void cancel();
    }

    /** Runs {@code task} soon, off the caller's thread; it may block (engine I/O, a stream loop). */
    void run(String name, Runnable task);

    /** Runs {@code task} once, {@code delay} from now, off the caller's thread. */
    Scheduled schedule(String name, Duration delay, Runnable task);

    /** One virtual thread per task; a scheduled task sleeps on its own virtual thread (they cost nothing asleep). */
    static BackgroundTasks virtualThreads() {
        return new BackgroundTasks() {
            @Override
            public void run(String name, Runnable task) {
                Thread.ofVirtual().name(name).start(task);
            }

            @Override
            public Scheduled schedule(String name, Duration delay, Runnable task) {
                Thread thread = Thread.ofVirtual().name(name).start(() -> {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        return; // cancelled
                    }
                    task.run();
                });
                return thread::interrupt;
            }
        };
    }
}
