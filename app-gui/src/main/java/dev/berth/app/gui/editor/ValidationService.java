package dev.berth.app.gui.editor;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.SourceFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Validates a project's open texts after a pause in typing: each request replaces the pending one
 * (debounce), runs the whole load off the UI thread with the texts laid over the disk, and a result is
 * delivered only if no newer request came in meanwhile (a stale run is cancelled if it has not started,
 * and its result dropped if it has). One worker thread: validations never run in parallel.
 */
public final class ValidationService implements AutoCloseable {

    /** One finished validation: the load result, which request it answers, and how long the load took. */
    public record Result(long generation, LoadResult load, Duration took) {}

    private final ScheduledExecutorService worker;
    private final Duration debounce;
    private final AtomicLong generation = new AtomicLong();
    private Future<?> pending;

    public ValidationService(Duration debounce) {
        this.debounce = debounce;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-editor-validation");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /**
     * Asks for a validation of {@code options} with {@code texts} (path → unsaved text) over the disk;
     * {@code onResult} is called on the worker thread, only for the newest request.
     */
    public synchronized long request(ProjectOptions options, Map<Path, String> texts, Consumer<Result> onResult) {
        long mine = generation.incrementAndGet();
        if (worker.isShutdown()) {
            return mine; // the editor closed (its files may still arrive after): nothing to validate for
        }
        if (pending != null) {
            pending.cancel(false);
        }
        Map<Path, String> snapshot = Map.copyOf(texts);
        pending = worker.schedule(() -> {
            if (generation.get() != mine) {
                return;
            }
            long start = System.nanoTime();
            LoadResult result = load(options, snapshot);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (generation.get() == mine) {
                onResult.accept(new Result(mine, result, took));
            }
        }, debounce.toMillis(), TimeUnit.MILLISECONDS);
        return mine;
    }

    /** The newest request's number; results of older ones are stale. */
    public long generation() {
        return generation.get();
    }

    /** One load with {@code texts} over the disk; what every validation runs (also used directly by the benchmark). */
    public static LoadResult load(ProjectOptions options, Map<Path, String> texts) {
        return ComposeLoader.load(options, SourceFiles.overlay(texts, SourceFiles.DISK));
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
    }
}
