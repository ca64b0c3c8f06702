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

    /** The project's containers, all of them (a fresh listing). */
    void containers(List<ContainerRow> rows);

    void logLine(LogLine line);

    void stats(StatsSample sample);

    /** The processes of the container the selection points at. */
    void processes(String container, List<String> titles, List<List<String>> rows);

    /** The parsed {@code inspect} JSON of the container the selection points at. */
    void inspect(String container, Map<String, Object> json);

    /** A line for the status bar: engine name and version, or what is wrong with the connection. */
    void engineStatus(String text);
}
