package dev.berth.engine.compose;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.SystemApi.EventsOptions;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.HealthLogEntry;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for containers to become healthy by listening to the engine's {@code health_status} events (one
 * subscription per project operation) instead of polling, so a dependent starts the moment its
 * dependency reports healthy.
 */
final class HealthWatcher implements AutoCloseable {

    private final EngineClient engine;
    private final String project;
    private final CallLimit calls;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    /** Opened by the first wait: most runs wait for no health at all and need no event stream. */
    private EngineStream<EngineEvent> events;
    private boolean closed;

    HealthWatcher(EngineClient engine, String project, CallLimit calls) {
        this.engine = engine;
        this.project = project;
        this.calls = calls;
    }

    private synchronized void subscribe() {
        if (events != null || closed) {
            return;
        }
        events = engine.system().events(EventsOptions.fromNow().withFilters(Filters.none()
                .with("type", "container")
                .label(ComposeLabels.projectFilter(project))));
        events.subscribe(new StreamListener<>() {
            @Override
            public void onItem(EngineEvent event) {
                handle(event);
            }

            @Override
            public void onEnd(boolean cancelled) {}

            @Override
            public void onError(RuntimeException error) {
                waiting.values().forEach(future -> future.completeExceptionally(error));
            }
        });
    }

    private void handle(EngineEvent event) {
        String action = event.action() == null ? event.status() : event.action();
        String id = event.actor() != null ? event.actor().id() : event.id();
        if (action == null || id == null) {
            return;
        }
        CompletableFuture<String> future = waiting.get(id);
        if (future == null) {
            return;
        }
        if (action.startsWith("health_status")) {
            String status = action.substring(action.indexOf(':') + 1).trim();
            if (status.equals("healthy") || status.equals("unhealthy")) {
                future.complete(status);
            }
        } else if (action.equals("die") || action.equals("destroy")) {
            future.complete("exited");
        }
    }

    /**
     * Blocks until the container is healthy. Throws with the last health-check output when it becomes
     * unhealthy, exits, or the timeout passes.
     */
    void awaitHealthy(String service, String containerId, String containerName, Duration timeout) {
        CompletableFuture<String> future = waiting.computeIfAbsent(containerId, id -> new CompletableFuture<>());
        try {
            subscribe();
            // Subscribed before this inspect: a transition in between is seen by one or the other.
            String current = currentHealth(containerId, service, containerName);
            if (current != null) {
                future.complete(current);
            }
            String outcome = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!outcome.equals("healthy")) {
                throw new ComposeException("dependency failed to start: container " + containerName + " is "
                        + outcome + lastHealthOutput(containerId));
            }
        } catch (TimeoutException e) {
            throw new ComposeException("service " + service + " did not become healthy within " + timeout.toSeconds()
                    + " s (container " + containerName + ")" + lastHealthOutput(containerId));
        } catch (ExecutionException e) {
            throw new ComposeException("lost the engine's events while waiting for " + containerName + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException("interrupted while waiting for " + containerName + " to become healthy");
        } finally {
            waiting.remove(containerId);
        }
    }

    /** "healthy"/"unhealthy"/"exited" when already decided, null while starting. */
    private String currentHealth(String containerId, String service, String containerName) {
        ContainerInspect inspect = calls.call(() -> engine.containers().inspect(containerId));
        if (inspect.state() == null) {
            return null;
        }
        if (inspect.state().health() == null) {
            throw new ComposeException("container " + containerName + " of service " + service
                    + " has no healthcheck configured, so it can never be healthy");
        }
        if (!Boolean.TRUE.equals(inspect.state().running()) && !Boolean.TRUE.equals(inspect.state().restarting())) {
            return "exited";
        }
        String status = inspect.state().health().status();
        return "healthy".equals(status) || "unhealthy".equals(status) ? status : null;
    }

    private String lastHealthOutput(String containerId) {
        try {
            ContainerInspect inspect = calls.call(() -> engine.containers().inspect(containerId));
            if (inspect.state() == null || inspect.state().health() == null) {
                return "";
            }
            List<HealthLogEntry> log = inspect.state().health().log();
            if (log == null || log.isEmpty()) {
                return "";
            }
            HealthLogEntry last = log.getLast();
            String output = last.output() == null ? "" : last.output().strip();
            return "; last health check exited " + last.exitCode() + (output.isEmpty() ? "" : ": " + output);
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (events != null) {
            events.close();
        }
    }
}
