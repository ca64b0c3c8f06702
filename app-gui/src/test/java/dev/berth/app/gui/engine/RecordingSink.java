package dev.berth.app.gui.engine;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a feed pushed, for tests without a window. */
class RecordingSink implements ProjectSink {
    final List<ProjectGraph> graphs = new CopyOnWriteArrayList<>();
    final Map<String, ServiceState> states = new ConcurrentHashMap<>();
    final List<String> stateChanges = new CopyOnWriteArrayList<>();
    final Map<String, String> details = new ConcurrentHashMap<>();
    volatile List<ContainerRow> rows = List.of();
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final List<String> processes = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, Object>> inspected = new ConcurrentHashMap<>();

    @Override public void projects(List<ProjectSummary> projects) {}
    @Override public void graph(ProjectGraph graph) { graphs.add(graph); }
    @Override public void serviceState(String service, ServiceState state, String replicas) {
        states.put(service, state);
        stateChanges.add(service + " " + state.label() + " " + replicas);
    }
    @Override public void serviceDetail(String service, String detail) { details.put(service, detail); }
    /** Every list of rows pushed, in order. */
    final List<List<ContainerRow>> rowPushes = new CopyOnWriteArrayList<>();
    @Override public void containers(List<ContainerRow> list) {
        rows = list;
        rowPushes.add(list);
    }
    @Override public void logLine(LogLine line) { lines.add(line); }
    @Override public void containerStopped(String container) { stopped.add(container); }
    @Override public void stats(StatsSample sample) {}
    @Override public void processes(String container, List<String> titles, List<List<String>> list) { processes.add(container); }
    @Override public void inspect(String container, Map<String, Object> json) { inspected.put(container, json); }
    @Override public void engineStatus(String text) {}
    final Map<String, Boolean> watching = new ConcurrentHashMap<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    @Override public void watching(String project, boolean on) { watching.put(project, on); }
    @Override public void failure(String title, String detail) { failures.add(title + ": " + detail); }
}
