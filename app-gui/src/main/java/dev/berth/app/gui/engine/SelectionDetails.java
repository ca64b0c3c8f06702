package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The selected service's details: its container's inspect document when it is selected, and {@code top}
 * every 2 s only while the top pane is visible (at once when the selection or the pane changes).
 */
final class SelectionDetails implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SelectionDetails.class.getName());
    static final Duration TOP_PERIOD = Duration.ofSeconds(2);

    private final WatchedEngine engine;
    private final BackgroundTasks tasks;
    private final ProjectSink sink;
    private final Supplier<List<ServiceContainer>> containers;
    private volatile String selectedService;
    private volatile boolean topVisible;
    private volatile boolean closed;
    private BackgroundTasks.Scheduled nextTop;
    private long topRound;

    SelectionDetails(WatchedEngine engine, BackgroundTasks tasks, ProjectSink sink, Supplier<List<ServiceContainer>> containers,
                     boolean topVisible) {
        this.engine = engine;
        this.tasks = tasks;
        this.sink = sink;
        this.containers = containers;
        this.topVisible = topVisible;
    }

    void select(String service) {
        selectedService = service;
        if (service != null) {
            tasks.run("berth-inspect", () -> inspect(service));
        }
        topNow();
    }

    /** One container's document (the containers tab's Inspect), whatever service is selected. */
    void inspectContainer(String id) {
        tasks.run("berth-inspect", () -> {
            ServiceContainer container = containers.get().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
            if (container == null || closed) {
                return;
            }
            try {
                Map<String, Object> json = engine.inspectDocument(id);
                if (!closed) {
                    sink.inspect(container.name(), json);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cannot inspect " + id, e);
            }
        });
    }

    void topVisible(boolean visible) {
        topVisible = visible;
        topNow();
    }

    /** The container the detail panes show for a service: its first running replica, else its first one. */
    ServiceContainer containerOf(String service) {
        ServiceContainer first = null;
        for (ServiceContainer container : containers.get()) {
            if (service.equals(container.service())) {
                if (container.state() == ContainerState.RUNNING) {
                    return container;
                }
                first = first == null ? container : first;
            }
        }
        return first;
    }

    private void inspect(String service) {
        ServiceContainer container = containerOf(service);
        if (container == null || closed) {
            return;
        }
        try {
            Map<String, Object> json = engine.inspectDocument(container.id());
            if (!closed && Objects.equals(service, selectedService)) {
                sink.inspect(container.name(), json);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot inspect " + container.id(), e);
        }
    }

    /** Polls now (a new round: a round already waiting is cancelled) and then every {@link #TOP_PERIOD}. */
    private void topNow() {
        long round;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (nextTop != null) {
                nextTop.cancel();
                nextTop = null;
            }
            round = ++topRound;
        }
        tasks.run("berth-top", () -> pollTop(round));
    }

    private void pollTop(long round) {
        String service = selectedService;
        if (topVisible && service != null && !closed) {
            ServiceContainer container = containerOf(service);
            if (container != null && container.state() == ContainerState.RUNNING) {
                try {
                    TopResult top = engine.top(container.id());
                    if (!closed && service.equals(selectedService)) {
                        sink.processes(container.name(), top.titles() == null ? List.of() : top.titles(),
                                top.processes() == null ? List.of() : top.processes());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "top of " + container.id() + " failed", e);
                }
            }
        }
        synchronized (this) {
            if (!closed && round == topRound && topVisible && selectedService != null) {
                nextTop = tasks.schedule("berth-top", TOP_PERIOD, () -> pollTop(round));
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (nextTop != null) {
            nextTop.cancel();
        }
    }
}
