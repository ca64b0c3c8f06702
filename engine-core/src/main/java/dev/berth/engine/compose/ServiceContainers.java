package dev.berth.engine.compose;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A project's containers grouped by service, walked in dependency order: what the verbs that work from the
 * engine's labels alone (down, stop, start, restart, rm, pause, unpause, kill) have in common. The order comes
 * from each container's {@code depends_on} label (docker-compose v1 wrote none: its services are then all
 * independent).
 */
final class ServiceContainers {

    private final Map<String, List<ServiceContainer>> byService = new LinkedHashMap<>();

    ServiceContainers(List<ServiceContainer> containers) {
        containers.forEach(container -> byService.computeIfAbsent(container.service(), key -> new ArrayList<>()).add(container));
    }

    boolean isEmpty() {
        return byService.isEmpty();
    }

    /** Each service and the services its containers' labels say it depends on. */
    Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        byService.forEach((service, containers) -> {
            Set<String> dependencies = new LinkedHashSet<>();
            containers.forEach(container -> container.dependencies().forEach(d -> dependencies.add(d.service())));
            dependsOn.put(service, dependencies);
        });
        return dependsOn;
    }

    /**
     * Runs {@code action} on every container, service by service in {@code order} (the containers of one service
     * at once); the failures of all services are thrown together at the end. Dependencies first, a service whose
     * dependency failed is skipped (it would not work); dependents first, every service is visited regardless.
     */
    void forEach(DependencyWalker.Order order, Consumer<ServiceContainer> action) {
        DependencyWalker.throwIfFailed(DependencyWalker.<Void>walk(dependencies(), order, (service, waitedFor) -> {
            if (order == DependencyWalker.Order.DEPENDENCIES_FIRST) {
                waitedFor.forEach((dependency, outcome) -> {
                    if (outcome.isCompletedExceptionally()) {
                        throw new ComposeException("service " + service + " skipped: its dependency " + dependency + " failed");
                    }
                });
            }
            inParallel(byService.get(service), action);
            return null;
        }));
    }

    /**
     * Stops every stoppable container, dependents first; a service stops as soon as no running service depends on
     * it. {@code after} then runs on each container of the service (stopped or not), inside the same visit.
     */
    void stop(EngineClient engine, CallLimit calls, Duration timeout, ProgressListener progress,
              Consumer<ServiceContainer> after) {
        forEach(DependencyWalker.Order.DEPENDENTS_FIRST, container -> {
            if (container.state().isStoppable()) {
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), container.service(), "Stopping"));
                calls.runIgnoringNotFound(() -> engine.containers().stop(container.id(), timeout));
                progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), container.service(), "Stopped"));
            }
            after.accept(container);
        });
    }

    /** Runs {@code action} on each container at once, on virtual threads; every failure is reported together. */
    static void inParallel(List<ServiceContainer> containers, Consumer<ServiceContainer> action) {
        if (containers.size() <= 1) {
            containers.forEach(action);
            return;
        }
        List<String> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            containers.forEach(container -> futures.add(threads.submit(() -> action.accept(container))));
            for (Future<?> future : futures) {
                try {
                    BackgroundResults.join(future, "running a verb on a service's containers");
                } catch (RuntimeException e) {
                    failures.add(DependencyWalker.messageOf(e));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new ComposeException(String.join("\n", failures));
        }
    }
}
