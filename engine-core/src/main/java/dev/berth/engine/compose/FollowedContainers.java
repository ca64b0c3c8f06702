package dev.berth.engine.compose;

import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerInspectState;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Containers followed as attached {@code up} and {@code logs -f} show them: each one's log lines, an exit (with
 * its code) each time one stops, and — because a container with a restart policy comes back — its logs again
 * after each restart. A container is finished only once it stopped and is not restarting, so attached
 * {@code up} does not return while the engine is bringing a service back. Rendering is the caller's, through
 * {@link Output}.
 */
public final class FollowedContainers implements AutoCloseable {

    /** What following reports; called on the reader threads (one per container), so implementations synchronise. */
    public interface Output {
        void line(ServiceContainer container, OutputLine line);

        /** The container stopped with this exit code (it may come back). */
        void exited(ServiceContainer container, int exitCode);

        /** Its logs could not be read. */
        void unavailable(ServiceContainer container, String why);
    }

    /** How long a stopped container may take to show up as restarting before it counts as finished. */
    private static final long SETTLE_MILLIS = 1000;

    private final EngineClient engine;
    private final Output output;
    private final List<CompletableFuture<Void>> finished = new CopyOnWriteArrayList<>();
    private final List<EngineStream<OutputLine>> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile EngineException lost;

    public FollowedContainers(EngineClient engine, Output output) {
        this.engine = engine;
        this.output = output;
    }

    /** Follows from {@code since} (null: all of it). */
    public void follow(ServiceContainer container, Instant since) {
        follow(container, new LogsOptions(true, true, true, since, null, false, null, null));
    }

    /** Follows with {@code first} ({@code --tail}, {@code --since}, {@code -t}); after a restart, from the restart on. */
    public void follow(ServiceContainer container, LogsOptions first) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        finished.add(done);
        read(container, first, done);
    }

    /** Completes once every followed container stopped for good (or following was closed). */
    public CompletableFuture<Void> allFinished() {
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }

    /**
     * Why following ended early, when it did because the engine went away (killed, restarted, socket gone)
     * rather than because the containers stopped: a caller must say so instead of ending as if all was well.
     */
    public Optional<EngineException> engineLost() {
        return Optional.ofNullable(lost);
    }

    /** Stops following: every stream is cancelled and every container counts as finished. */
    @Override
    public void close() {
        closed = true;
        streams.forEach(EngineStream::close);
        finished.forEach(done -> done.complete(null));
    }

    private void read(ServiceContainer container, LogsOptions options, CompletableFuture<Void> done) {
        Thread.ofVirtual().name("berth-follow-" + container.name()).start(() -> {
            boolean ended = false;
            try (EngineStream<OutputLine> stream = engine.containers().logs(container.id(), options)) {
                streams.add(stream);
                if (closed) {
                    stream.close();
                }
                for (OutputLine line = stream.next(); line != null; line = stream.next()) {
                    output.line(container, line);
                }
                ended = !closed;
            } catch (RuntimeException e) {
                if (!closed) {
                    if (isConnectionLoss(e)) {
                        lost = (EngineException) e;
                    }
                    output.unavailable(container, e.getMessage());
                }
            }
            if (!ended) {
                done.complete(null);
                return;
            }
            ContainerInspect inspect;
            try {
                inspect = inspectOrNull(container);
            } catch (EngineException e) {
                lost = e; // the stream ended because the engine did, not the container
                finishAll();
                return;
            }
            ContainerInspectState state = inspect == null ? null : inspect.state();
            int restarts = inspect == null || inspect.restartCount() == null ? 0 : inspect.restartCount();
            output.exited(container, state == null || state.exitCode() == null ? 0 : state.exitCode());
            Instant restarted = awaitRestart(container, restarts);
            if (restarted != null && !closed) {
                // From the whole second of the restart, as compose asks: the engine stamps StartedAt after the
                // process may already have written its first line, so the exact instant would lose that line
                // (AttachedUpIT, once `since` went out in nanoseconds).
                Instant from = restarted.truncatedTo(ChronoUnit.SECONDS);
                read(container, new LogsOptions(true, true, true, from, null, options.timestamps(), null, options.tty()), done);
            } else {
                done.complete(null);
            }
        });
    }

    /**
     * When the container runs again (its start time), or null when it stays stopped. A run shorter than the
     * polling interval is never seen running, so a higher restart count also means "it came back".
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
            return inspectOrNull(container);
        } catch (EngineException e) {
            lost = e;
            finishAll();
            return null;
        }
    }

    /** The container, or null once it was removed; an engine that does not answer throws. */
    private ContainerInspect inspectOrNull(ServiceContainer container) {
        try {
            return engine.containers().inspect(container.id());
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** The engine is gone for every container at once: stop waiting for the others' streams to notice. */
    private void finishAll() {
        finished.forEach(done -> done.complete(null));
    }

    /** A failure of the connection itself (not an answer of the engine's, such as 404). */
    private static boolean isConnectionLoss(RuntimeException e) {
        return e instanceof EngineException && !(e instanceof EngineApiException);
    }

    private static Instant startedAt(ContainerInspectState state) {
        try {
            return state.startedAt() == null ? Instant.now() : Instant.parse(state.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
