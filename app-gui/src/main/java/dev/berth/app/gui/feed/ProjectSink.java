package dev.berth.app.gui.feed;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ProjectFeed} pushes into the window. Every method may be called from any thread (engine
 * streams run on virtual threads); the implementation batches onto the UI thread, at most once per pulse.
 */
public interface ProjectSink {

    /** The projects the sidebar lists (opened ones and those found on the engine by their labels). */
    void projects(List<ProjectSummary> projects);

    /** The selected project's structure changed (opened, or its compose files changed): lays the graph out. */
    void graph(ProjectGraph graph);

    /** One service's observed state changed; never moves the graph. */
    void serviceState(String service, ServiceState state, String replicas);

    /**
     * What one service's state alone does not say (a crash loop's restart count, last exit code, an OOM kill),
     * or empty; only sent when it changed.
     */
    default void serviceDetail(String service, String detail) {}

    /** The project's containers, all of them (a fresh listing). */
    void containers(List<ContainerRow> rows);

    void logLine(LogLine line);

    /** A container of the project stopped (it was running at the previous listing): drop its live figures. */
    default void containerStopped(String container) {}

    void stats(StatsSample sample);

    /** The processes of the container the selection points at. */
    void processes(String container, List<String> titles, List<List<String>> rows);

    /** The parsed {@code inspect} JSON of the container the selection points at. */
    void inspect(String container, Map<String, Object> json);

    /** A line for the status bar: engine name and version, or what is wrong with the connection. */
    void engineStatus(String text);

    /** The connection changed: connected, no engine (with what was tried) or lost. */
    default void connection(EngineConnection connection) {
        engineStatus(connection.status());
    }

    /** The selected project changed: forget the previous one's graph, logs, stats, containers and details. */
    default void reset() {}

    /** Select this project in the sidebar (it was just opened). */
    default void selectProject(String name) {}

    /** What an action is doing to one service right now ("Pulling", "Creating"), or empty when it is done. */
    default void serviceProgress(String service, String text) {}

    /** What is going on, for the status bar ("Up: 3 of 5 services started"), or empty. */
    default void activity(String text) {}

    /** Something the user asked for failed: a title and every detail (engine message, diagnostics). */
    default void failure(String title, String details) {}

    /** Whether watch ({@code develop.watch}) now runs for {@code project}: the Watch toggle follows it. */
    default void watching(String project, boolean on) {}
}
