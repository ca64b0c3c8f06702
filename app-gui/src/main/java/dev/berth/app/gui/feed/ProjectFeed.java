package dev.berth.app.gui.feed;

import java.nio.file.Path;
import java.util.Set;

/**
 * The seam between the window and where its data comes from. The engine layer implements it (events,
 * log and stats streams, top and inspect calls); until then {@link SampleProjectFeed} does, in demo mode
 * only. The window calls {@link #start} once, tells the feed what the user selected so it can stream
 * the right container's details, and {@link #close}s it when the window goes.
 */
public interface ProjectFeed extends AutoCloseable {

    /** Starts pushing into {@code sink}; returns at once (work happens on the feed's own threads). */
    void start(ProjectSink sink);

    /** The user selected a service in the graph (or null for none): stream its top and inspect data. */
    void selectionChanged(String service);

    /** The user selected another project in the sidebar (or null): the feed streams that one's data. */
    default void projectSelected(String project) {}

    /** Whether the top pane is on screen: processes are refreshed only while it is. */
    default void topVisible(boolean visible) {}

    /** Opens a compose file or folder; the feed lists and selects the project, or reports why it cannot. */
    default void open(Path path) {}

    /** Runs {@code action} on {@code project}, on all its services ({@code services} empty) or on those. */
    default void run(ProjectAction action, String project, Set<String> services) {}

    /**
     * The compose files Project › Edit compose files opens for {@code project}, or why there are none. May read
     * the file system: the window calls it off the UI thread.
     */
    default EditTarget editTarget(String project) {
        return new EditTarget.Unavailable("Berth does not know the compose files of " + project + ".");
    }

    /** Starts or stops watch for {@code project} (its develop.watch rules); the sink hears {@code watching}. */
    default void watch(String project, boolean on) {}

    /** Runs {@code action} on one container of the selected project (the containers tab's menu). */
    default void run(ContainerAction action, String containerId) {}

    /** Shows one container's inspect document (not the selected service's first replica). */
    default void inspectContainer(String containerId) {}

    /** Stops every stream and thread the feed started. */
    @Override
    void close();
}
