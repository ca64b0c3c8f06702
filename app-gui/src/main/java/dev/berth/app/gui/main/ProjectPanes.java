package dev.berth.app.gui.main;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.ContainersViewModel;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.fx.PulseBatcher;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceGraphViewModel;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.inspect.InspectViewModel;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.logs.LogsViewModel;
import dev.berth.app.gui.projects.ProjectsViewModel;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.app.gui.stats.StatsViewModel;
import dev.berth.app.gui.top.TopViewModel;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * All view-models of the main window, and the {@link ProjectSink} a feed pushes into. Logs and stats have
 * their own batchers (they are the floods); every other update — graph, states, containers, top, inspect,
 * status — goes through one more batcher of small UI tasks, so however many events arrive, the FX thread
 * gets at most one drain of each per pulse.
 */
public final class ProjectPanes implements ProjectSink {

    private final ProjectsViewModel projects = new ProjectsViewModel();
    private final ServiceGraphViewModel graph = new ServiceGraphViewModel();
    private final LogsViewModel logs;
    private final StatsViewModel stats;
    private final ContainersViewModel containers;
    private final InspectViewModel inspect = new InspectViewModel();
    private final TopViewModel top = new TopViewModel();
    private final ReadOnlyStringWrapper engineStatus = new ReadOnlyStringWrapper(this, "engineStatus", "Engine: not connected");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyObjectWrapper<EngineConnection> connection = new ReadOnlyObjectWrapper<>(this, "connection", EngineConnection.NONE);
    private final PulseBatcher<Runnable> updates;
    private final ObservableSet<String> watched = FXCollections.observableSet();
    private final Map<String, ContainersViewModel.Usage> pendingUsage = new ConcurrentHashMap<>();
    private final AtomicBoolean usageQueued = new AtomicBoolean();
    private volatile FailureHandler failures = (title, details) -> { };

    /** Shows a failed action to the user (a dialog in the window); called on the UI thread. */
    @FunctionalInterface
    public interface FailureHandler {
        void show(String title, String details);
    }

    public ProjectPanes(UiScheduler ui, Executor background, Clock clock, Consumer<String> browser) {
        this.logs = new LogsViewModel(ui, background);
        this.stats = new StatsViewModel(ui, clock);
        this.containers = new ContainersViewModel(browser, clock);
        // Small tasks, so a generous queue; dropping one would lose a state change, so it is never full in
        // practice (events come at most a few hundred per second).
        this.updates = new PulseBatcher<>(ui, 100_000, 512, Duration.ofMillis(4), batch -> batch.items().forEach(Runnable::run));
    }

    @Override
    public void projects(List<ProjectSummary> list) {
        updates.offer(() -> projects.setReported(list));
    }

    @Override
    public void graph(ProjectGraph projectGraph) {
        updates.offer(() -> {
            graph.setGraph(projectGraph);
            logs.assignSourceColours(projectGraph.nodes().stream().filter(GraphNode::isService).map(GraphNode::id).toList());
        });
    }

    @Override
    public void serviceState(String service, ServiceState state, String replicas) {
        updates.offer(() -> graph.updateService(service, state, replicas));
    }

    @Override
    public void serviceDetail(String service, String detail) {
        updates.offer(() -> graph.updateDetail(service, detail));
    }

    @Override
    public void containers(List<ContainerRow> rows) {
        updates.offer(() -> containers.setAll(rows));
    }

    @Override
    public void logLine(LogLine line) {
        logs.append(line);
    }

    @Override
    public void containerStopped(String container) {
        stats.stopped(container);
    }

    @Override
    public void stats(StatsSample sample) {
        stats.accept(sample);
        // The table's usage columns: the newest sample per container, all applied in one pass per pulse.
        pendingUsage.put(sample.containerName(), new ContainersViewModel.Usage(sample.cpuPercent(), sample.memUsage(), sample.memLimit()));
        if (usageQueued.compareAndSet(false, true)) {
            updates.offer(() -> {
                usageQueued.set(false); // before draining: a sample put meanwhile is drained now or queues one more
                Map<String, ContainersViewModel.Usage> batch = new HashMap<>();
                for (String name : pendingUsage.keySet()) {
                    ContainersViewModel.Usage usage = pendingUsage.remove(name);
                    if (usage != null) {
                        batch.put(name, usage);
                    }
                }
                containers.updateUsage(batch);
            });
        }
    }

    @Override
    public void processes(String container, List<String> titles, List<List<String>> rows) {
        updates.offer(() -> top.setProcesses(container, titles, rows));
    }

    @Override
    public void inspect(String container, Map<String, Object> json) {
        updates.offer(() -> inspect.setDocument(container, json));
    }

    @Override
    public void engineStatus(String text) {
        updates.offer(() -> engineStatus.set(text));
    }

    @Override
    public void connection(EngineConnection state) {
        updates.offer(() -> {
            connection.set(state);
            engineStatus.set(state.status());
        });
    }

    @Override
    public void reset() {
        logs.reset(); // in order with the lines: a line the previous watch left waiting must not land after it
        updates.offer(() -> {
            graph.setGraph(ProjectGraph.EMPTY);
            List.copyOf(stats.rows()).forEach(row -> stats.removeContainer(row.name()));
            containers.setAll(List.of());
            top.clear();
            inspect.clear();
        });
    }

    @Override
    public void selectProject(String name) {
        updates.offer(() -> projects.projects().stream().filter(p -> p.name().equals(name)).findFirst()
                .ifPresent(projects.selectedProperty()::set));
    }

    @Override
    public void serviceProgress(String service, String text) {
        updates.offer(() -> graph.updateProgress(service, text));
    }

    @Override
    public void activity(String text) {
        updates.offer(() -> activity.set(text));
    }

    @Override
    public void failure(String title, String details) {
        updates.offer(() -> failures.show(title, details));
    }

    @Override
    public void watching(String project, boolean on) {
        updates.offer(() -> {
            if (on) {
                watched.add(project);
            } else {
                watched.remove(project);
            }
        });
    }

    /** The projects watch runs for (FX thread). */
    public ObservableSet<String> watchedProjects() {
        return watched;
    }

    public void onFailure(FailureHandler handler) {
        this.failures = handler;
    }

    public ReadOnlyObjectProperty<EngineConnection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ProjectsViewModel projects() {
        return projects;
    }

    public ServiceGraphViewModel graph() {
        return graph;
    }

    public LogsViewModel logs() {
        return logs;
    }

    public StatsViewModel stats() {
        return stats;
    }

    public ContainersViewModel containers() {
        return containers;
    }

    public InspectViewModel inspect() {
        return inspect;
    }

    public TopViewModel top() {
        return top;
    }

    public ReadOnlyStringProperty engineStatusProperty() {
        return engineStatus.getReadOnlyProperty();
    }
}
