package dev.berth.engine.compose;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work started on another virtual thread, with its failure rethrown as it was thrown there. */
final class BackgroundResults {

    private BackgroundResults() {}

    /**
     * The result; an unchecked exception of the task (an engine error, most likely) is rethrown unchanged so
     * callers catch the same types as if the work had run on their own thread.
     */
    static <T> T join(Future<T> task, String whatWasAwaited) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException("interrupted while " + whatWasAwaited, e);
        }
    }
}
