package dev.berth.engine.compose;

import dev.berth.engine.api.EngineApiException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The bound on concurrent engine calls of one verb: every request a verb makes goes through {@link #call}, so
 * fifty services walked at once still put at most {@code permits} requests on the engine. Waiting (for a health
 * event, for a container to exit) holds no permit: it is no work for the engine, and a waiter holding one could
 * starve the very calls it waits for.
 */
final class CallLimit {

    /** 4, 8, 16 or 32 in flight were equally fast on this engine (docs/PERFORMANCE.md); 16 is gentle on a small one. */
    static final int DEFAULT_PERMITS = 16;

    private final Semaphore permits;

    CallLimit(int permits) {
        this.permits = new Semaphore(Math.max(1, permits));
    }

    static CallLimit standard() {
        return new CallLimit(DEFAULT_PERMITS);
    }

    <T> T call(Supplier<T> engineCall) {
        permits.acquireUninterruptibly();
        try {
            return engineCall.get();
        } finally {
            permits.release();
        }
    }

    void run(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
    }

    /** {@link #run}, where "not found" means the work is already done (the container went meanwhile). */
    void runIgnoringNotFound(Runnable engineCall) {
        run(() -> ignoringNotFound(engineCall));
    }

    /** Runs the call (already within a bound); "not found" means the work is already done. */
    static void ignoringNotFound(Runnable engineCall) {
        try {
            engineCall.run();
        } catch (EngineApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
