package dev.berth.app.cli;

import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerInspectState;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The containers attached {@code up} shows: their logs through a {@link LogMux}, an "exited with code N"
 * line each time one stops, and — because a container with a restart policy comes back — a new log
 * stream after each restart. A container is finished only once it stopped and is not restarting, so
 * attached {@code up} does not return while the engine is bringing a service back.
 */
final class AttachedContainers {

    /** How long a stopped container may take to show up as restarting before it counts as finished. */
    private static final long SETTLE_MILLIS = 1000;

    private final EngineClient client;
    private final LogMux logs;
    private final BiConsumer<ServiceContainer, Integer> onExit;
    private final List<CompletableFuture<Void>> finished = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param onExit called on the reader thread with the exit code every time a container stops */
    AttachedContainers(EngineClient client, LogMux logs, BiConsumer<ServiceContainer, Integer> onExit) {
        this.client = client;
        this.logs = logs;
        this.onExit = onExit;
    }

    /** Follows from {@code since} (null: all of it). */
    void attach(ServiceContainer container, Instant since) {
        attach(container, new LogsOptions(true, true, true, since, null, false, null, null));
    }

    /** Follows with {@code first} ({@code --tail}, {@code --since}, {@code -t}); after a restart, from the restart on. */
    void attach(ServiceContainer container, LogsOptions first) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        finished.add(done);
        follow(container, first, done);
    }

    /** Completes once every attached container stopped for good. */
    CompletableFuture<Void> allFinished() {
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }

    /** Stops watching (the logs themselves are closed with the {@link LogMux}). */
    void close() {
        closed = true;
        finished.forEach(done -> done.complete(null));
    }

    private void follow(ServiceContainer container, LogsOptions options, CompletableFuture<Void> done) {
        logs.follow(container, options, ended -> {
            ContainerInspect inspect = inspect(container);
            ContainerInspectState state = inspect == null ? null : inspect.state();
            int restarts = inspect == null || inspect.restartCount() == null ? 0 : inspect.restartCount();
            int code = state == null || state.exitCode() == null ? 0 : state.exitCode();
            logs.announce(container.name() + " exited with code " + code);
            onExit.accept(container, code);
            Instant restarted = awaitRestart(container, restarts);
            if (restarted != null && !closed) {
                follow(container, new LogsOptions(true, true, true, restarted, null, options.timestamps(), null, options.tty()), done);
            } else {
                done.complete(null);
            }
        }).whenComplete((ignored, error) -> {
            if (closed) {
                done.complete(null);
            }
        });
    }

    /**
     * When the container runs again (its start time), or null when it stays stopped. A run shorter than
     * the polling interval is never seen running, so a higher restart count also means "it came back".
     */
    private Instant awaitRestart(ServiceContainer container, int restartsBefore) {
        long settleUntil = System.currentTimeMillis() + SETTLE_MILLIS;
        while (!closed) {
            ContainerInspect inspect = inspect(container);
            if (inspect == null || inspect.state() == null) {
                return null; // removed
            }
            ContainerInspectState state = inspect.state();
            boolean running = Boolean.TRUE.equals(state.running()) && !Boolean.TRUE.equals(state.restarting());
            if (running || (inspect.restartCount() != null && inspect.restartCount() > restartsBefore)) {
                return startedAt(state);
            }
            if (!Boolean.TRUE.equals(state.restarting()) && System.currentTimeMillis() > settleUntil) {
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private ContainerInspect inspect(ServiceContainer container) {
        try {
            return client.containers().inspect(container.id());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant startedAt(ContainerInspectState state) {
        try {
            return state.startedAt() == null ? Instant.now() : Instant.parse(state.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
