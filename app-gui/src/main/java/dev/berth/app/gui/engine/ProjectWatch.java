package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the window follows for the selected project, in three parts on the injected
 * {@link BackgroundTasks}: the containers listing (re-read after each burst of the project's engine events,
 * never on a timer) shown by {@link ContainerListing}; the per-container log and stats streams of
 * {@link ContainerStreams}; the selection's inspect and top in {@link SelectionDetails}. What only inspect
 * knows (start time, restart count, last exit, OOM kill) is read once per container and again only after an
 * event that changes it. Closing the watch closes every stream; a new selection gets a new watch.
 */
final class ProjectWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectWatch.class.getName());
    /** Engine events after which a container's inspect details are stale. */
    private static final Set<String> CHANGES_DETAILS = Set.of("start", "restart", "die", "oom", "kill", "stop", "unpause", "pause");

    private final WatchedEngine engine;
    private final BackgroundTasks tasks;
    private final String project;
    private final ProjectSink sink;
    private final Debouncer refresh;
    private final ContainerListing listing;
    private final ContainerStreams streams;
    private final SelectionDetails selection;
    private final Map<String, ContainerDetails> details = new ConcurrentHashMap<>();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    private volatile List<ServiceContainer> containers = List.of();
    private volatile boolean closed;

    /** @param definition the loaded compose project when the user opened it, else null (graph from labels) */
    ProjectWatch(WatchedEngine engine, BackgroundTasks tasks, String project, Project definition, ProjectSink sink, boolean topVisible) {
        this(engine, tasks, project, definition, sink, topVisible, new LogPositions(Instant.now()));
    }

    /**
     * @param positions where the logs were left by the watch this one replaces after a lost engine came back
     *                  (the same project on the same engine), so the logs go on without a gap or a repeat
     */
    ProjectWatch(WatchedEngine engine, BackgroundTasks tasks, String project, Project definition, ProjectSink sink, boolean topVisible,
            LogPositions positions) {
        this.engine = engine;
        this.tasks = tasks;
        this.project = project;
        this.sink = sink;
        this.listing = new ContainerListing(project, definition);
        this.refresh = new Debouncer(tasks, "berth-watch-" + project, Duration.ofMillis(80), this::refreshNow);
        this.streams = new ContainerStreams(engine, tasks, sink, positions, () -> {
            if (!closed) {
                refresh.trigger(); // restarted meanwhile? the next listing re-attaches
            }
        });
        this.selection = new SelectionDetails(engine, tasks, sink, () -> containers, topVisible);
    }

    String project() {
        return project;
    }

    void start() {
        ProjectGraph graph = listing.initialGraph();
        if (graph != null) {
            sink.graph(graph);
        }
        tasks.run("berth-watch-" + project, this::refreshNow);
    }

    /** Something happened on the engine that may change the listing (an action of ours ended): re-read it soon. */
    void containerEvent() {
        refresh.trigger();
    }

    /** An engine event about one of this project's containers: re-read the listing soon (and its details if they changed). */
    void containerEvent(String id, String action) {
        if (id != null && action != null && CHANGES_DETAILS.contains(action)) {
            stale.add(id);
        }
        refresh.trigger();
    }

    void select(String service) {
        selection.select(service);
    }

    void inspectContainer(String id) {
        selection.inspectContainer(id);
    }

    void topVisible(boolean visible) {
        selection.topVisible(visible);
    }

    // synchronized: the first listing runs on its own task and may meet the first debounced one
    private synchronized void refreshNow() {
        if (closed) {
            return;
        }
        List<ServiceContainer> listed;
        try {
            listed = engine.containers(project);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Listing the containers of " + project + " failed", e);
            return; // the session notices a lost engine and says so
        }
        listed = listed.stream().filter(c -> !c.oneOff()).toList();
        containers = listed;
        Set<String> ids = new HashSet<>();
        for (ServiceContainer container : listed) {
            ids.add(container.id());
            if (!details.containsKey(container.id()) || stale.remove(container.id())) {
                details.put(container.id(), inspect(container.id()));
            }
        }
        details.keySet().retainAll(ids);
        if (closed) {
            return;
        }
        listing.show(listed, details, sink);
        streams.follow(listed);
    }

    private ContainerDetails inspect(String id) {
        try {
            return ContainerDetails.of(engine.inspect(id));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot inspect " + id, e);
            return ContainerDetails.UNKNOWN;
        }
    }

    @Override
    public void close() {
        closed = true; // before closing the streams: a refresh in flight checks it after opening its own
        streams.close();
        selection.close();
    }

    /** Log and stats streams this watch holds open (tests: none may outlive close()). */
    int openStreams() {
        return streams.openStreams();
    }
}
