package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the window follows for the selected project, in three parts on the injected
 * {@link BackgroundTasks}: the containers listing (read in full first and after our own actions, then only the
 * containers each burst of the project's engine events named: {@link ListedContainers}; never on a timer) shown by {@link ContainerListing}; the per-container log and stats streams of
 * {@link ContainerStreams}; the selection's inspect and top in {@link SelectionDetails}. What only inspect
 * knows (start time, restart count, last exit, OOM kill) is read once per container that ever started (a created
 * one has none) and again only after an event that changes it, several at a time; a listing that would wait for
 * many shows first and again with them. Closing the watch closes every stream; a new selection gets a new watch.
 */
final class ProjectWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectWatch.class.getName());
    /** Up to this many containers to inspect, the listing waits for them (no row shows without its details). */
    static final int INSPECT_BEFORE_SHOWING = 8;
    static final int INSPECTIONS_IN_FLIGHT = 8;
    /** A container whose inspect fails (a busy engine) is inspected again at most this many times in a row. */
    static final int INSPECT_RETRIES = 5;
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
    /** Containers whose last inspections failed, and how many times in a row: retried a few times, not forever. */
    private final Map<String, Integer> failedInspections = new ConcurrentHashMap<>();
    /** Containers named by events since the last listing: only they are listed again. */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final ListedContainers known = new ListedContainers();
    private volatile boolean fullListingAsked;
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
        // 80 ms after a quiet engine's first event; at most one listing per ~0.5 s in a storm (fault 6: a crash loop)
        this.refresh = new Debouncer(tasks, "berth-watch-" + project, Duration.ofMillis(80), Duration.ofMillis(400), this::refreshNow);
        this.streams = new ContainerStreams(engine, tasks, sink, positions, id -> {
            if (!closed) {
                containerEvent(id, null); // restarted meanwhile? the next listing re-attaches
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

    /** Something happened on the engine that may change the listing (an action of ours ended): re-read it all soon. */
    void containerEvent() {
        fullListingAsked = true;
        refresh.trigger();
    }

    /** An engine event about one of this project's containers: re-read that one soon (and its details if they changed). */
    void containerEvent(String id, String action) {
        if (id == null) {
            containerEvent();
            return;
        }
        if (action != null && CHANGES_DETAILS.contains(action)) {
            stale.add(id);
        }
        changed.add(id);
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
        boolean full = fullListingAsked;
        fullListingAsked = false;
        List<String> named = List.copyOf(changed);
        changed.removeAll(named);
        List<ServiceContainer> listed;
        try {
            listed = known.refresh(full, named, () -> withoutOneOffs(engine.containers(project)),
                    asked -> withoutOneOffs(engine.containers(project, asked)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Listing the containers of " + project + " failed", e);
            fullListingAsked |= full; // asked again at the next trigger
            changed.addAll(named);
            return; // the session notices a lost engine and says so
        }
        containers = listed;
        Set<String> ids = new HashSet<>();
        List<String> toInspect = new ArrayList<>();
        for (ServiceContainer container : listed) {
            String id = container.id();
            ids.add(id);
            boolean wasStale = stale.remove(id);
            if (container.state() == ContainerState.CREATED) {
                details.put(id, ContainerDetails.UNKNOWN); // never started: inspect would say nothing more
            } else if (!details.containsKey(id) || wasStale) {
                toInspect.add(id);
            }
        }
        details.keySet().retainAll(ids);
        failedInspections.keySet().retainAll(ids);
        if (toInspect.size() > INSPECT_BEFORE_SHOWING) {
            // A project of hundreds of containers (the first listing, a storm of starts): the rows show at once,
            // with what is known, and once more when the inspections are in.
            toInspect.forEach(id -> details.putIfAbsent(id, ContainerDetails.UNKNOWN));
            show(listed);
        }
        inspectAll(toInspect);
        show(listed);
    }

    private static List<ServiceContainer> withoutOneOffs(List<ServiceContainer> listed) {
        return listed.stream().filter(c -> !c.oneOff()).toList();
    }

    private void show(List<ServiceContainer> listed) {
        if (closed) {
            return;
        }
        listing.show(listed, details, sink);
        streams.follow(listed);
    }

    /** Inspects the containers, {@link #INSPECTIONS_IN_FLIGHT} at a time (one by one, 1,000 took seconds). */
    private void inspectAll(List<String> ids) {
        if (ids.size() <= 1) {
            ids.forEach(id -> details.put(id, inspect(id)));
            return;
        }
        Semaphore inFlight = new Semaphore(INSPECTIONS_IN_FLIGHT);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                threads.execute(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        if (!closed) {
                            details.put(id, inspect(id));
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private ContainerDetails inspect(String id) {
        try {
            ContainerDetails read = ContainerDetails.of(engine.inspect(id));
            failedInspections.remove(id);
            return read;
        } catch (RuntimeException e) {
            // A slow or busy engine (a timeout under load): shown without details for now, inspected again at the next
            // listing rather than never (an OOM kill missed this way would stay unnamed on its card).
            LOG.log(Level.FINE, "Cannot inspect " + id, e);
            if (failedInspections.merge(id, 1, Integer::sum) <= INSPECT_RETRIES) {
                stale.add(id);
                changed.add(id);
                refresh.trigger();
            }
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
