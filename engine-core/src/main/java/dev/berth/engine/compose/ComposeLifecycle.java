package dev.berth.engine.compose;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.DependencyWalker.Order;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lifecycle verbs on a project's existing containers, from the engine's labels alone (no compose file
 * needed): stop, start, restart, pause, unpause, kill, rm. Each walks the services in dependency order (start
 * and restart dependencies first, stop dependents first, the signals all at once) within the engine-call bound.
 */
final class ComposeLifecycle {

    private final EngineClient engine;
    private final CallLimit calls = CallLimit.standard();

    ComposeLifecycle(EngineClient engine) {
        this.engine = engine;
    }

    /** Stops the running containers, dependents first: a service as soon as nothing running depends on it. */
    void stop(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        try {
            new ServiceContainers(selected(project, services)).stop(engine, calls, timeout, progress, container -> { });
        } finally {
            progress.finish();
        }
    }

    /** Starts the stopped containers (unpauses paused ones), dependencies first. */
    void start(String project, Set<String> services, ProgressListener progress) {
        try {
            List<ServiceContainer> stopped = selected(project, services).stream()
                    .filter(c -> c.state() != ContainerState.RUNNING).toList();
            new ServiceContainers(stopped).forEach(Order.DEPENDENCIES_FIRST, step(progress, "Starting", "Started", container -> {
                if (container.state() == ContainerState.PAUSED) {
                    engine.containers().unpause(container.id());
                } else {
                    engine.containers().start(container.id());
                }
            }));
        } finally {
            progress.finish();
        }
    }

    /** Restarts every container, dependencies first (as Compose v2 does). */
    void restart(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        try {
            new ServiceContainers(selected(project, services)).forEach(Order.DEPENDENCIES_FIRST,
                    step(progress, "Restarting", "Restarted", container -> engine.containers().restart(container.id(), timeout)));
        } finally {
            progress.finish();
        }
    }

    void pause(String project, Set<String> services, ProgressListener progress) {
        signal(project, services, "Pausing", "Paused", progress, container -> {
            if (container.state() == ContainerState.RUNNING) {
                engine.containers().pause(container.id());
            }
        });
    }

    void unpause(String project, Set<String> services, ProgressListener progress) {
        signal(project, services, "Unpausing", "Unpaused", progress, container -> {
            if (container.state() == ContainerState.PAUSED) {
                engine.containers().unpause(container.id());
            }
        });
    }

    void kill(String project, Set<String> services, String signal, ProgressListener progress) {
        signal(project, services, "Killing", "Killed", progress, container -> {
            if (container.state() == ContainerState.RUNNING || container.state() == ContainerState.PAUSED) {
                engine.containers().kill(container.id(), signal);
            }
        });
    }

    /**
     * Removes stopped containers ({@code rm}); with {@code stopFirst} ({@code -s}) running ones are stopped
     * first (dependents first), otherwise they are left alone.
     */
    void remove(String project, Set<String> services, boolean stopFirst, boolean removeVolumes, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = selected(project, services);
            if (stopFirst) {
                new ServiceContainers(containers.stream().filter(c -> c.state() == ContainerState.RUNNING).toList())
                        .stop(engine, calls, null, progress, container -> { });
                containers = selected(project, services);
            }
            new ServiceContainers(containers.stream().filter(c -> !c.isUp()).toList()).forEach(Order.NONE,
                    step(progress, "Removing", "Removed", container -> CallLimit.ignoringNotFound(
                            () -> engine.containers().remove(container.id(), true, removeVolumes))));
        } finally {
            progress.finish();
        }
    }

    /** The project's containers of the named services (all when none is named, one-off ones included then). */
    private List<ServiceContainer> selected(String project, Set<String> services) {
        return ObservedStates.serviceContainers(engine, project).stream()
                .filter(c -> !c.oneOff() || services.isEmpty())
                .filter(c -> services.isEmpty() || services.contains(c.service()))
                .toList();
    }

    private void signal(String project, Set<String> services, String working, String done, ProgressListener progress,
                        Consumer<ServiceContainer> action) {
        try {
            new ServiceContainers(selected(project, services)).forEach(Order.NONE, step(progress, working, done, action));
        } finally {
            progress.finish();
        }
    }

    /** One container's step: its progress events around the engine call, which runs within the bound. */
    private Consumer<ServiceContainer> step(ProgressListener progress, String working, String done,
                                            Consumer<ServiceContainer> action) {
        return container -> {
            progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), container.service(), working));
            calls.run(() -> action.accept(container));
            progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), container.service(), done));
        };
    }
}
