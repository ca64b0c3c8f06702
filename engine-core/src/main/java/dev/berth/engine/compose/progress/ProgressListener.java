package dev.berth.engine.compose.progress;

/**
 * Receives progress events. Called from the orchestrator's worker threads, possibly concurrently:
 * implementations must be thread-safe and must not block for long.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = event -> {};

    void onEvent(ProgressEvent event);

    /** Called once when the operation is over (successfully or not); renderers print their summary. */
    default void finish() {}
}
