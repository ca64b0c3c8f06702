package dev.berth.engine.compose;

import dev.berth.compose.model.Project;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ProgressListener;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The Compose verbs on one engine, one entry point for the CLI and the GUI. Each verb lives in the file named
 * after it: {@link ComposeUp} (up, its preview, build, pull), {@link ComposeDown}, {@link ComposeLifecycle}
 * (stop, start, restart, pause, unpause, kill, rm), {@link ComposeListing} (ps, ls), {@link OneOffContainers}
 * (run). Up works from a loaded project; the others from the engine's labels alone, so projects started by
 * {@code docker compose} can be managed without their compose file. All of them order their work with the
 * one {@link DependencyWalker}.
 */
public final class ComposeEngine {

    private final EngineClient engine;
    private final ComposeUp up;
    private final ComposeDown down;
    private final ComposeLifecycle lifecycle;
    private final ComposeListing listing;

    public ComposeEngine(EngineClient engine) {
        this.engine = engine;
        this.up = new ComposeUp(engine);
        this.down = new ComposeDown(engine);
        this.lifecycle = new ComposeLifecycle(engine);
        this.listing = new ComposeListing(engine);
    }

    public EngineClient engine() {
        return engine;
    }

    /** What {@code up} would do now, without pulling or building anything ({@code up --dry-run}, the GUI's preview). */
    public Plan plan(Project project, UpOptions options) {
        return up.plan(project, options);
    }

    /** Brings the project to its desired state; returns the plan that was executed. */
    public Plan up(Project project, UpOptions options, ProgressListener progress) {
        return up.up(project, options, progress);
    }

    /**
     * Creates a one-off container of {@code service} for {@code run} (dependencies started first unless
     * {@code noDeps}); the caller attaches, starts it, waits and removes it.
     */
    public OneOff createOneOff(Project project, String service, OneOffOptions options, ProgressListener progress) {
        try {
            return new OneOffContainers(this).create(project, service, options, progress);
        } finally {
            progress.finish();
        }
    }

    /** A one-off container {@link #createOneOff} made: its id, name and whether it has a TTY. */
    public record OneOff(String id, String name, boolean tty) {}

    /** Builds the images of services with a {@code build:} section. */
    public void build(Project project, Set<String> services, ProgressListener progress) {
        up.build(project, services, progress);
    }

    /** Pulls the images of services that name one (services that only build are skipped). */
    public void pull(Project project, Set<String> services, ProgressListener progress) {
        up.pull(project, services, progress);
    }

    /**
     * Stops and removes the project's containers (each service as soon as nothing running depends on it), then
     * its networks; its volumes only with {@code -v}, never external ones (they carry no project label). Idempotent.
     *
     * @param project    the project name
     * @param definition the loaded project when there is one (for orphans and --rmi), else null
     */
    public void down(String project, Project definition, DownOptions options, ProgressListener progress) {
        down.down(project, definition, options, progress);
    }

    /** Stops the project's running containers, dependents first. */
    public void stop(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        lifecycle.stop(project, services, timeout, progress);
    }

    /** Starts the project's stopped containers, dependencies first. */
    public void start(String project, Set<String> services, ProgressListener progress) {
        lifecycle.start(project, services, progress);
    }

    /** Restarts the project's containers, dependencies first. */
    public void restart(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        lifecycle.restart(project, services, timeout, progress);
    }

    public void pause(String project, Set<String> services, ProgressListener progress) {
        lifecycle.pause(project, services, progress);
    }

    public void unpause(String project, Set<String> services, ProgressListener progress) {
        lifecycle.unpause(project, services, progress);
    }

    public void kill(String project, Set<String> services, String signal, ProgressListener progress) {
        lifecycle.kill(project, services, signal, progress);
    }

    /**
     * Removes stopped containers ({@code rm}); with {@code stopFirst} ({@code -s}) running ones are stopped
     * first, otherwise they are left alone.
     */
    public void remove(String project, Set<String> services, boolean stopFirst, boolean removeVolumes, ProgressListener progress) {
        lifecycle.remove(project, services, stopFirst, removeVolumes, progress);
    }

    /** The project's containers, sorted by service and number ({@code ps}). */
    public List<ServiceContainer> ps(String project, Set<String> services, boolean all) {
        return listing.ps(project, services, all);
    }

    /** Every Compose project on the engine, whoever started it ({@code ls}); with {@code all} also stopped ones. */
    public List<ListedProject> listProjects(boolean all) {
        return listing.listProjects(all);
    }

    /**
     * Every container with a Compose project label, one listing of the engine, typed once: a caller that needs
     * both the projects ({@link #projectsOf}) and the containers themselves lists once, not twice (the window's
     * sidebar, after every burst of events, on an engine of thousands of containers).
     */
    public List<ServiceContainer> composeContainers() {
        return listing.composeContainers();
    }

    /**
     * The Compose containers among {@code ids} (the listing filtered by id, so a few changed containers are read
     * without listing thousands); a container not returned is gone. No ids: all of them.
     */
    public List<ServiceContainer> composeContainers(Collection<String> ids) {
        return listing.composeContainers(ids);
    }

    /** The projects of a {@link #composeContainers()} listing, as {@link #listProjects} reports them. */
    public static List<ListedProject> projectsOf(List<ServiceContainer> composeContainers, boolean all) {
        return ComposeListing.projectsOf(composeContainers, all);
    }
}
