package dev.berth.app.gui.engine;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.StatsCalculator;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the window streams for the selected project, on virtual threads: the containers listing
 * (re-read after each burst of the project's engine events, never on a timer), the service states and graph
 * derived from it, one follow-logs stream and one stats stream per running container, {@code top} of the
 * selected service every 2 s while the top pane is visible, and inspect of the selected service. Closing it
 * closes every stream; a new selection gets a new watch.
 */
final class ProjectWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectWatch.class.getName());
    private static final int FIRST_TAIL = 500;
    private static final Duration TOP_PERIOD = Duration.ofSeconds(2);

    private final EngineClient client;
    private final String project;
    private final Project definition;
    private final ProjectSink sink;
    private final Debouncer refresh;
    private final Map<String, EngineStream<?>> logStreams = new ConcurrentHashMap<>();
    private final Map<String, EngineStream<?>> statsStreams = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLogTime = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, ServiceStates.Observed> shown = new HashMap<>();
    private final SynchronousQueue<Boolean> wakeTop = new SynchronousQueue<>();
    private volatile List<ContainerSummary> containers = List.of();
    private volatile ProjectGraph shownGraph;
    private volatile String selectedService;
    private volatile boolean topVisible;
    private volatile boolean closed;
    private final Instant watchStarted = Instant.now();
    private Thread topThread;

    /** @param definition the loaded compose project when the user opened it, else null (graph from labels) */
    ProjectWatch(EngineClient client, String project, Project definition, ProjectSink sink, boolean topVisible) {
        this.client = client;
        this.project = project;
        this.definition = definition;
        this.sink = sink;
        this.topVisible = topVisible;
        this.refresh = new Debouncer(Duration.ofMillis(80), this::refreshNow);
    }

    String project() {
        return project;
    }

    void start() {
        if (definition != null) {
            shownGraph = ProjectGraphs.fromProject(definition);
            sink.graph(shownGraph);
        }
        Thread.ofVirtual().name("berth-watch-" + project).start(this::refreshNow);
        topThread = Thread.ofVirtual().name("berth-top-" + project).start(this::pollTop);
    }

    /** An engine event about one of this project's containers: re-read the listing soon. */
    void containerEvent() {
        refresh.trigger();
    }

    void select(String service) {
        selectedService = service;
        if (service != null) {
            Thread.ofVirtual().name("berth-inspect").start(() -> inspect(service));
        }
        wakeTop.offer(Boolean.TRUE);
    }

    void topVisible(boolean visible) {
        topVisible = visible;
        wakeTop.offer(Boolean.TRUE);
    }

    // synchronized: the first listing runs on its own thread and may meet the first debounced one
    private synchronized void refreshNow() {
        if (closed) {
            return;
        }
        List<ContainerSummary> listed;
        try {
            listed = client.containers().list(ListOptions.allContainers()
                    .withFilters(Filters.none().label(ComposeLabels.projectFilter(project))));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Listing the containers of " + project + " failed", e);
            return; // the session notices a lost engine and says so
        }
        listed = listed.stream().filter(c -> !ComposeLabels.TRUE.equalsIgnoreCase(label(c, ComposeLabels.ONEOFF))).toList();
        containers = listed;
        if (closed) {
            return;
        }
        if (definition == null) {
            ProjectGraph graph = ProjectGraphs.fromContainers(project, listed);
            if (!graph.equals(shownGraph)) { // only a structural change lays the graph out again
                shownGraph = graph;
                sink.graph(graph);
                shown.clear();
            }
        }
        Map<String, Integer> declared = definition == null ? Map.of() : ProjectGraphs.replicas(definition);
        synchronized (shown) {
            ServiceStates.of(listed, declared).forEach((service, observed) -> {
                if (!observed.equals(shown.put(service, observed))) {
                    sink.serviceState(service, observed.state(), observed.replicas());
                }
            });
        }
        List<ContainerRow> rows = new ArrayList<>();
        Set<String> running = new HashSet<>();
        for (ContainerSummary container : listed) {
            boolean isRunning = "running".equals(container.state());
            if (isRunning) {
                running.add(container.id());
            } else {
                startedAt.remove(container.id());
            }
            rows.add(ContainerRows.of(container, isRunning ? startedAt(container) : null));
        }
        sink.containers(rows);
        logStreams.values().removeIf(EngineStream::isClosed);
        statsStreams.values().removeIf(EngineStream::isClosed);
        for (ContainerSummary container : listed) {
            if (running.contains(container.id())) {
                logStreams.computeIfAbsent(container.id(), id -> followLogs(container));
                statsStreams.computeIfAbsent(container.id(), id -> followStats(container));
            }
        }
        statsStreams.keySet().removeIf(id -> {
            if (!running.contains(id)) {
                statsStreams.get(id).close();
                return true;
            }
            return false;
        });
        if (closed) {
            // close() ran while this listing was in flight and may have missed the streams opened above:
            // without this a replaced watch kept following every log, and each line showed twice.
            closeStreams();
        }
    }

    private Instant startedAt(ContainerSummary container) {
        return startedAt.computeIfAbsent(container.id(), id -> {
            try {
                String started = client.containers().inspect(id).state().startedAt();
                return started == null ? Instant.now() : Instant.parse(started);
            } catch (RuntimeException e) {
                return Instant.now();
            }
        });
    }

    private EngineStream<?> followLogs(ContainerSummary container) {
        String id = container.id();
        String service = label(container, ComposeLabels.SERVICE);
        Instant after = lastLogTime.get(id);
        // Restarted: ask from the last line's second and drop what was already shown. Created while we watch
        // (an up from the window): everything, so no early line is missed. Otherwise: the last lines.
        boolean createdWhileWatching = container.created() != null
                && container.created() >= watchStarted.minusSeconds(5).getEpochSecond();
        LogsOptions options = after != null ? new LogsOptions(true, true, true, after, null, true, null, null)
                : createdWhileWatching ? LogsOptions.everything().following().withTimestamps()
                : LogsOptions.everything().following().withTimestamps().withTail(FIRST_TAIL);
        EngineStream<OutputLine> stream;
        try {
            stream = client.containers().logs(id, options);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot follow the logs of " + id, e);
            return null;
        }
        Thread.ofVirtual().name("berth-logs-" + service).start(() -> {
            try {
                List<LogLine> chunk = new ArrayList<>(256);
                for (OutputLine line = stream.next(); line != null; line = stream.next()) {
                    Instant at = line.timestamp() == null ? Instant.now() : line.timestamp();
                    if (after != null && !at.isAfter(after)) {
                        continue;
                    }
                    lastLogTime.put(id, at);
                    sink.logLine(new LogLine(service, at,
                            line.source() == LogSource.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT,
                            line.text()));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The logs of " + id + " ended", e);
            } finally {
                stream.close();
                logStreams.remove(id, stream);
                if (!closed) {
                    refresh.trigger(); // restarted meanwhile? the next listing re-attaches
                }
            }
        });
        return stream;
    }

    private EngineStream<?> followStats(ContainerSummary container) {
        String id = container.id();
        String name = ContainerRows.nameOf(container);
        EngineStream<ContainerStats> stream;
        try {
            stream = client.containers().stats(id);
        } catch (RuntimeException e) {
            return null;
        }
        Thread.ofVirtual().name("berth-stats-" + name).start(() -> {
            try {
                for (ContainerStats stats = stream.next(); stats != null; stats = stream.next()) {
                    StatsCalculator.StatsSummary s = StatsCalculator.summarize(stats);
                    if (s.memoryLimit() == 0 && s.memoryUsage() == 0) {
                        continue; // the engine's last sample of a stopped container is all zeros
                    }
                    sink.stats(new StatsSample(name, Instant.now(), s.cpuPercent(), s.memoryUsage(), s.memoryLimit(),
                            s.networkRx(), s.networkTx(), s.blockRead(), s.blockWrite()));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The stats of " + id + " ended", e);
            } finally {
                stream.close();
                statsStreams.remove(id, stream);
            }
        });
        return stream;
    }

    /** The container the detail panes show for a service: its first running replica, else its first one. */
    private ContainerSummary containerOf(String service) {
        ContainerSummary first = null;
        for (ContainerSummary container : containers) {
            if (service.equals(label(container, ComposeLabels.SERVICE))) {
                if ("running".equals(container.state())) {
                    return container;
                }
                first = first == null ? container : first;
            }
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    private void inspect(String service) {
        ContainerSummary container = containerOf(service);
        if (container == null || closed) {
            return;
        }
        try {
            ContainerInspect inspect = client.containers().inspect(container.id());
            Map<String, Object> json = EngineJson.MAPPER.convertValue(inspect, LinkedHashMap.class);
            if (!closed && Objects.equals(service, selectedService)) {
                sink.inspect(ContainerRows.nameOf(container), json);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot inspect " + container.id(), e);
        }
    }

    private void pollTop() {
        while (!closed) {
            String service = selectedService;
            if (topVisible && service != null) {
                ContainerSummary container = containerOf(service);
                if (container != null && "running".equals(container.state())) {
                    try {
                        TopResult top = client.containers().top(container.id(), null);
                        if (!closed && service.equals(selectedService)) {
                            sink.processes(ContainerRows.nameOf(container), top.titles() == null ? List.of() : top.titles(),
                                    top.processes() == null ? List.of() : top.processes());
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "top of " + container.id() + " failed", e);
                    }
                }
            }
            try {
                wakeTop.poll(TOP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String label(ContainerSummary container, String key) {
        return container.labels() == null ? "" : container.labels().getOrDefault(key, "");
    }

    @Override
    public void close() {
        closed = true; // before closing the streams: a refresh in flight checks it after opening its own
        closeStreams();
        if (topThread != null) {
            topThread.interrupt();
        }
    }

    /** Log and stats streams this watch holds open (tests: none may outlive close()). */
    int openStreams() {
        return logStreams.size() + statsStreams.size();
    }

    private void closeStreams() {
        logStreams.values().forEach(EngineStream::close);
        statsStreams.values().forEach(EngineStream::close);
        logStreams.clear();
        statsStreams.clear();
    }
}
