package dev.berth.app.gui.swarm;

import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.logs.LogsViewModel;
import dev.berth.app.gui.swarm.SwarmSnapshot.NodeRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.ServiceRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.TaskRow;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.stream.EngineStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Swarm tab's state: the latest {@link SwarmSnapshot} (loaded in the background, applied on the UI thread,
 * a newer load winning over a slower older one), the selected service with its tasks and its followed logs,
 * and the scale action.
 * It is live from the engine's events: a service, node, secret or config event, or a task container starting
 * or dying on this node, reloads it once the burst is over — there is no polling loop.
 */
public final class SwarmViewModel {

    /** The event types that change what the tab shows. */
    private static final Set<String> SWARM_EVENTS = Set.of("service", "node", "secret", "config");
    /** Task containers (labelled by the swarm) coming and going move the running counts and task states. */
    private static final Set<String> TASK_CONTAINER_ACTIONS = Set.of("start", "die", "destroy", "health_status");
    private static final String TASK_LABEL = "com.docker.swarm.service.id";
    private static final long DEBOUNCE_MILLIS = 300;

    private final SwarmSource source;
    private final UiScheduler ui;
    private final Executor background;
    private final ReadOnlyObjectWrapper<SwarmSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot",
            SwarmSnapshot.notManager("inactive"));
    private final ReadOnlyBooleanWrapper manager = new ReadOnlyBooleanWrapper(this, "manager");
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<TaskRow> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<ServiceRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final AtomicLong generation = new AtomicLong();
    private final LogsViewModel logs;
    /** The selected service's log stream while it is read. */
    private final AtomicReference<EngineStream<LogLine>> following = new AtomicReference<>();
    /** The selection the log stream is for: a stream opened for an older one closes itself. */
    private volatile Object followed;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private volatile boolean closed;

    public SwarmViewModel(SwarmSource source, UiScheduler ui, Executor background) {
        this.source = source;
        this.ui = ui;
        this.background = background;
        this.logs = new LogsViewModel(ui, background);
        selected.addListener((obs, old, now) -> {
            showTasks();
            String before = old == null ? null : old.id();
            String after = now == null ? null : now.id();
            if (!Objects.equals(before, after)) {
                followLogs(now); // a re-read of the same service keeps its stream
            }
        });
    }

    /**
     * The selected service's logs into {@link #logs()}: the previous stream is closed (a blocked read returns at
     * once), the view is reset, and the new one is read on the background executor until it is closed in turn.
     */
    private void followLogs(ServiceRow service) {
        Object token = new Object();
        EngineStream<LogLine> before;
        synchronized (following) {
            followed = token;
            before = following.getAndSet(null);
        }
        if (before != null) {
            before.close();
        }
        logs.reset();
        if (service == null || closed) {
            return;
        }
        String shortName = SwarmView.shortName(service);
        background.execute(() -> {
            EngineStream<LogLine> stream;
            try {
                stream = source.serviceLogs(service.id(), shortName);
            } catch (RuntimeException e) {
                ui.execute(() -> notice.set("Reading the logs of " + service.name() + " failed: " + e.getMessage()));
                return;
            }
            synchronized (following) {
                if (followed != token || closed) {
                    stream.close(); // the selection moved on while the stream was opening
                    return;
                }
                following.set(stream);
            }
            try {
                for (LogLine line = stream.next(); line != null && followed == token; line = stream.next()) {
                    logs.append(line);
                }
            } catch (RuntimeException e) {
                if (!stream.isClosed()) {
                    ui.execute(() -> notice.set("The logs of " + service.name() + " ended: " + e.getMessage()));
                }
            } finally {
                following.compareAndSet(stream, null);
            }
        });
    }

    /** Reloads in the background; callable from any thread. */
    public void refresh() {
        if (closed) {
            return; // a debounced change that fired after the window closed (its executor is gone)
        }
        long mine = generation.incrementAndGet();
        background.execute(() -> {
            try {
                SwarmSnapshot loaded = source.load();
                ui.execute(() -> {
                    if (generation.get() == mine) {
                        apply(loaded);
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (generation.get() == mine) {
                        notice.set("Reading the swarm failed: " + e.getMessage());
                    }
                });
            }
        });
    }

    private void apply(SwarmSnapshot loaded) {
        snapshot.set(loaded);
        manager.set(loaded.manager());
        nodes.setAll(loaded.nodes());
        ServiceRow before = selected.get();
        // The same service, re-read: the selection follows it by id (its counts and update state change).
        selected.set(before == null ? null : loaded.stacks().values().stream().flatMap(List::stream)
                .filter(s -> s.id().equals(before.id())).findFirst().orElse(null));
        showTasks();
    }

    private void showTasks() {
        ServiceRow service = selected.get();
        tasks.setAll(service == null ? List.of() : snapshot.get().tasksByService().getOrDefault(service.id(), List.of()));
    }

    /** Called with every engine event (any thread): a swarm change reloads once the burst is over. */
    public void engineEvent(EngineEvent event) {
        if (event == null) {
            return;
        }
        boolean swarmObject = SWARM_EVENTS.contains(event.type());
        boolean taskContainer = "container".equals(event.type()) && TASK_CONTAINER_ACTIONS.contains(event.action())
                && event.actor() != null && event.actor().attributes() != null && event.actor().attributes().containsKey(TASK_LABEL);
        if (swarmObject || taskContainer) {
            changed();
        }
    }

    /** Something changed (any thread): reload once, after the debounce. */
    public void changed() {
        if (closed || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                Thread.sleep(DEBOUNCE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            refreshPending.set(false);
            refresh();
        });
    }

    /** {@code service scale}: replicated services only; the tab shows the outcome in its notice line. */
    public void scale(ServiceRow service, long replicas) {
        if (service == null) {
            return;
        }
        if (service.replicas() < 0) {
            notice.set(service.name() + " is a " + service.mode() + " service: only replicated services can be scaled.");
            return;
        }
        notice.set("Scaling " + service.name() + " to " + replicas + "…");
        background.execute(() -> {
            String outcome;
            try {
                source.scale(service.id(), replicas);
                outcome = "Scaled " + service.name() + " to " + replicas + ".";
            } catch (RuntimeException e) {
                outcome = "Scaling " + service.name() + " failed: " + e.getMessage();
            }
            String text = outcome;
            ui.execute(() -> notice.set(text));
            refresh();
        });
    }

    public void close() {
        closed = true;
        EngineStream<LogLine> stream = following.getAndSet(null);
        if (stream != null) {
            stream.close();
        }
    }

    /** The selected service's task logs, in the app's log view model (search, follow, copy, colours by task). */
    public LogsViewModel logs() {
        return logs;
    }

    /** True while a service's log stream is open (tests). */
    public boolean followingLogs() {
        return following.get() != null;
    }

    /** The engine side, for the stack deploy window (which plans and deploys through the same engine). */
    public SwarmSource source() {
        return source;
    }

    public ReadOnlyObjectProperty<SwarmSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** True while this engine is a swarm manager: the tab is shown only then. */
    public ReadOnlyBooleanProperty managerProperty() {
        return manager.getReadOnlyProperty();
    }

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    public Map<String, List<ServiceRow>> stacks() {
        return snapshot.get().stacks();
    }

    /** The selected service's tasks, grouped by node. */
    public ObservableList<TaskRow> tasks() {
        return tasks;
    }

    public ObjectProperty<ServiceRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
