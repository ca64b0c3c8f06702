package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.app.gui.feed.EditTarget;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.feed.ProjectAction;
import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.app.workspace.RecentProjects;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.ListedProject;
import dev.berth.engine.compose.ServiceContainer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window's feed from the real engine. The sidebar lists the projects the user opened plus every
 * Compose project the engine has (by their labels, whoever started them); the selected project gets a
 * {@link ProjectWatch} (graph, states, containers, logs, stats, top, inspect); actions go through
 * {@link ProjectActions}. Everything is driven by the {@link EngineSession}'s one events subscription:
 * a burst of container events re-reads the project list and the selected project's containers.
 */
public final class EngineProjectFeed implements ProjectFeed {

    private static final Logger LOG = Logger.getLogger(EngineProjectFeed.class.getName());

    private final EngineSession session;
    private final RecentProjects recent;
    private final Map<String, String> environment;
    private final Map<String, OpenedProject> opened = new ConcurrentHashMap<>();
    private final BackgroundTasks tasks;
    private final Debouncer catalogRefresh;
    private final ProjectActions actions;
    private final ComposeWatches watches;
    private final ListedContainers catalog = new ListedContainers();
    private final Set<String> catalogChanged = ConcurrentHashMap.newKeySet();
    private volatile boolean catalogFullAsked = true;
    private volatile List<ListedProject> onEngine = List.of();
    private volatile Map<String, Integer> completedOneShots = Map.of();
    private volatile ProjectSink sink;
    private volatile ProjectWatch watch;
    private volatile String selectedProject;
    private volatile String selectedService;
    private volatile boolean topVisible;
    private volatile EngineConnection.Kind connection = EngineConnection.Kind.CONNECTING;
    /** The endpoint of the last connection (a lost one while {@link #connection} is LOST). */
    private volatile String endpoint;
    /** Where the selected project's logs were left; kept while the engine is away, new for a new selection. */
    private volatile LogPositions positions = new LogPositions(Instant.now());

    /** @param recent where opened projects are remembered, or null to remember nothing (tests) */
    public EngineProjectFeed(EngineSession session, RecentProjects recent, Map<String, String> environment) {
        this(session, recent, environment, BackgroundTasks.virtualThreads());
    }

    /** @param tasks where engine calls, streams and debounced refreshes run (a manual one in tests) */
    EngineProjectFeed(EngineSession session, RecentProjects recent, Map<String, String> environment, BackgroundTasks tasks) {
        this.session = session;
        this.tasks = tasks;
        // the sidebar's counts: two listings of every project's containers, so at most one refresh a second in a storm
        this.catalogRefresh = new Debouncer(tasks, "berth-projects", Duration.ofMillis(150), Duration.ofSeconds(1), this::refreshCatalog);
        this.recent = recent;
        this.environment = Map.copyOf(environment);
        this.actions = new ProjectActions(tasks, this::compose, this::definitionOf, this::afterAction);
        this.watches = new ComposeWatches(tasks, this::compose, this::definitionOf, () -> selectedProject);
    }

    @Override
    public void start(ProjectSink target) {
        this.sink = target;
        actions.sink(target);
        session.onEvent(this::onEvent);
        session.onStateChange(this::onState);
        session.start();
    }

    private Optional<ComposeEngine> compose() {
        return session.compose();
    }

    private void onState(EngineState state) {
        ProjectSink target = sink;
        switch (state) {
            case EngineState.Connected connected -> {
                // The engine that was lost is back: the greyed panes stay and the watch goes on where it was
                // (logs from their last line, stats, the listing); another engine starts from scratch.
                boolean back = connection == EngineConnection.Kind.LOST && connected.endpoint().equals(endpoint);
                connection = EngineConnection.Kind.CONNECTED;
                endpoint = connected.endpoint();
                target.connection(new EngineConnection(EngineConnection.Kind.CONNECTED, connected.describe(),
                        "Found through " + connected.howFound()));
                catalogFullAsked = true; // a new connection (perhaps another engine): read everything
                refreshCatalog();
                if (back) {
                    resumeWatch();
                } else {
                    restartWatch();
                }
            }
            case EngineState.Unavailable unavailable -> {
                connection = unavailable.wasConnected() || connection == EngineConnection.Kind.LOST
                        ? EngineConnection.Kind.LOST : EngineConnection.Kind.UNAVAILABLE;
                closeWatch();
                target.connection(new EngineConnection(connection, unavailable.describe(), unavailable.explanation()));
            }
            case EngineState.Connecting connecting -> {
                if (connecting.switchingTo() != null) {
                    // The user chose another engine: the previous one's projects and watch go, nothing is "lost".
                    connection = EngineConnection.Kind.CONNECTING;
                    closeWatch();
                    onEngine = List.of();
                    publishProjects();
                    target.connection(new EngineConnection(EngineConnection.Kind.CONNECTING, connecting.describe(), ""));
                } else if (connection == EngineConnection.Kind.CONNECTING) {
                    target.connection(new EngineConnection(EngineConnection.Kind.CONNECTING, connecting.describe(), ""));
                } else {
                    target.engineStatus(connecting.describe()); // keep the panel or banner, update the line
                }
            }
        }
    }

    private void onEvent(EngineEvent event) {
        if (!"container".equals(event.type()) || event.actor() == null || event.actor().attributes() == null) {
            return;
        }
        String project = event.actor().attributes().get(ComposeLabels.PROJECT);
        if (project == null) {
            return;
        }
        String action = event.action() == null ? "" : event.action();
        if (action.startsWith("exec_") || action.equals("top") || action.startsWith("attach") || action.equals("resize")) {
            return; // our own top/logs calls, not state changes
        }
        if (event.actor().id() != null) {
            catalogChanged.add(event.actor().id());
        } else {
            catalogFullAsked = true;
        }
        catalogRefresh.trigger();
        ProjectWatch current = watch;
        if (current != null && current.project().equals(project)) {
            current.containerEvent(event.actor().id(), action);
        }
    }

    @Override
    public void projectSelected(String project) {
        if (project == null ? selectedProject == null : project.equals(selectedProject)) {
            return;
        }
        selectedProject = project;
        selectedService = null;
        restartWatch();
    }

    @Override
    public void selectionChanged(String service) {
        selectedService = service;
        ProjectWatch current = watch;
        if (current != null) {
            current.select(service);
        }
    }

    @Override
    public void topVisible(boolean visible) {
        topVisible = visible;
        ProjectWatch current = watch;
        if (current != null) {
            current.topVisible(visible);
        }
    }

    @Override
    public void open(Path path) {
        tasks.run("berth-open", () -> {
            ProjectSink target = sink;
            try {
                OpenedProject project = OpenedProject.load(ProjectInvocation.ofPath(path), environment);
                opened.put(project.name(), project);
                remember(project.invocation());
                publishProjects();
                target.selectProject(project.name());
                if (project.name().equals(selectedProject)) {
                    selectedProject = null; // the same name found on the engine before: now with its file
                    projectSelected(project.name());
                }
            } catch (RuntimeException e) {
                target.failure("Cannot open " + path, e.getMessage());
            }
        });
    }

    private void remember(ProjectInvocation invocation) {
        if (recent == null) {
            return;
        }
        try {
            recent.remember(invocation);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot remember the recent projects", e);
        }
    }

    @Override
    public void run(ProjectAction action, String project, Set<String> services) {
        actions.run(action, project, services);
    }

    @Override
    public void watch(String project, boolean on) {
        watches.set(project, on, sink);
    }

    /** The files the user opened the project from, else those the engine's labels name (when readable here). */
    @Override
    public EditTarget editTarget(String project) {
        OpenedProject known = opened.get(project);
        if (known != null) {
            return new EditTarget.Found(known.invocation());
        }
        return onEngine.stream().filter(summary -> summary.name().equals(project)).findFirst()
                .map(summary -> EditTarget.fromLabels(project, summary.configFiles(), summary.workingDir()))
                .orElseGet(() -> new EditTarget.Unavailable(project + " is neither opened in Berth nor found on the engine."));
    }

    @Override
    public void inspectContainer(String containerId) {
        ProjectWatch current = watch;
        if (current != null) {
            current.inspectContainer(containerId);
        }
    }

    @Override
    public void run(ContainerAction action, String containerId) {
        tasks.run("berth-container-" + action.name().toLowerCase(Locale.ROOT), () -> {
            ProjectSink target = sink;
            Optional<EngineClient> client = session.client();
            if (client.isEmpty()) {
                target.failure(action.title() + " failed", "Not connected to an engine.");
                return;
            }
            String shortId = containerId.substring(0, Math.min(12, containerId.length()));
            target.activity(action.title() + " container " + shortId + "…");
            try {
                switch (action) {
                    case RESTART -> client.get().containers().restart(containerId, null);
                    case STOP -> client.get().containers().stop(containerId, null);
                    case REMOVE -> client.get().containers().remove(containerId, true, false);
                }
                target.activity(action.title() + " container " + shortId + ": done");
            } catch (RuntimeException e) {
                target.activity(action.title() + " container " + shortId + ": failed");
                target.failure(action.title() + " container " + shortId + " failed", e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                afterAction();
            }
        });
    }

    /** The project as the user opened it, else one rebuilt from the engine's labels if its files are readable. */
    private Optional<OpenedProject> definitionOf(String project) {
        OpenedProject known = opened.get(project);
        if (known != null) {
            return Optional.of(known.reload(environment));
        }
        for (ListedProject summary : onEngine) {
            if (summary.name().equals(project) && !summary.configFiles().isEmpty()) {
                List<Path> files = summary.configFiles().stream().map(Path::of).toList();
                Path dir = summary.workingDir().isEmpty() ? files.getFirst().getParent() : Path.of(summary.workingDir());
                return Optional.of(OpenedProject.load(new ProjectInvocation(files, List.of(), List.of(), dir, project), environment));
            }
        }
        return Optional.empty();
    }

    private void afterAction() {
        catalogFullAsked = true;
        catalogRefresh.trigger();
        ProjectWatch current = watch;
        if (current != null) {
            current.containerEvent();
        }
    }

    /**
     * One listing (every container with a project label) gives the projects and which stopped containers are
     * one-shots that completed; after the first, only the containers events named are read again
     * ({@link ListedContainers}): on an engine of thousands of containers a full listing is megabytes.
     */
    private void refreshCatalog() {
        Optional<ComposeEngine> compose = session.compose();
        if (compose.isEmpty()) {
            return;
        }
        synchronized (catalog) { // the debounced refresh and the one at connecting may meet
            boolean full = catalogFullAsked;
            catalogFullAsked = false;
            List<String> ids = List.copyOf(catalogChanged);
            catalogChanged.removeAll(ids);
            try {
                List<ServiceContainer> containers = catalog.refresh(full, ids, () -> compose.get().composeContainers(),
                        asked -> compose.get().composeContainers(asked));
                onEngine = ComposeEngine.projectsOf(containers, true);
                completedOneShots = CompletedOneShots.count(containers);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Listing the projects failed", e);
                catalogFullAsked |= full;
                catalogChanged.addAll(ids);
                return;
            }
        }
        publishProjects();
    }

    private void publishProjects() {
        List<ProjectSummary> list = new ArrayList<>();
        for (ListedProject p : onEngine) {
            list.add(new ProjectSummary(p.name(), p.running(), p.total(), p.unhealthy() > 0, opened.containsKey(p.name()) ? "opened" : "engine",
                    completedOneShots.getOrDefault(p.name(), 0)));
        }
        opened.values().stream().filter(o -> onEngine.stream().noneMatch(p -> p.name().equals(o.name())))
                .forEach(o -> list.add(new ProjectSummary(o.name(), 0, 0, false, "opened")));
        list.sort(Comparator.comparing((ProjectSummary p) -> !p.source().equals("opened")).thenComparing(ProjectSummary::name));
        sink.projects(list);
    }

    /** A new selection (or another engine): the panes start empty and the logs from the container's last lines. */
    private synchronized void restartWatch() {
        closeWatch();
        sink.reset();
        positions = new LogPositions(Instant.now());
        watchSelected(true);
    }

    /** The lost engine is back: the panes keep what they show and the new watch carries on from there. */
    private synchronized void resumeWatch() {
        closeWatch();
        watchSelected(false);
    }

    private void watchSelected(boolean fresh) {
        ProjectSink target = sink;
        String project = selectedProject;
        Optional<EngineClient> client = session.client();
        if (project == null) {
            return;
        }
        OpenedProject definition = opened.get(project);
        if (client.isEmpty()) {
            if (definition != null && fresh) {
                target.graph(ProjectGraphs.fromProject(definition.project()));
            }
            return;
        }
        ProjectWatch next = new ProjectWatch(WatchedEngine.of(client.get()), tasks, project,
                definition == null ? null : definition.project(), target, topVisible, positions);
        watch = next;
        next.start();
        if (selectedService != null) {
            next.select(selectedService);
        }
    }

    private synchronized void closeWatch() {
        ProjectWatch current = watch;
        watch = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        watches.close();
        closeWatch();
        session.close();
    }
}
