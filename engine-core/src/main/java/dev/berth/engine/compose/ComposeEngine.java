package dev.berth.engine.compose;

import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.compose.plan.DesiredState;
import dev.berth.engine.compose.plan.ObservedState;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.plan.Planner;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The Compose verbs on one engine: {@code up} (observe → plan → execute), {@code down}, the lifecycle
 * verbs on existing containers, and the read-only views ({@code ps}, {@code ls}). Works from a loaded
 * project where one is needed (up, plan) and from the engine's labels alone otherwise, so projects
 * started by {@code docker compose} can be managed without their compose file.
 */
public final class ComposeEngine {

    private final EngineClient engine;

    public ComposeEngine(EngineClient engine) {
        this.engine = engine;
    }

    public EngineClient engine() {
        return engine;
    }

    /** What {@code up} would do now, without pulling or building anything ({@code up --dry-run}, the GUI's preview). */
    public Plan plan(Project project, UpOptions options) {
        DesiredState desired = DesiredStates.of(project, options.services(), currentImageIds(project));
        return Planner.plan(desired, observe(project), options.plan());
    }

    /** Brings the project to its desired state; returns the plan that was executed. */
    public Plan up(Project project, UpOptions options, ProgressListener progress) {
        try {
            List<String> services = options.services().isEmpty()
                    ? new ArrayList<>(project.services().keySet())
                    : ServiceGraph.of(project).withDependencies(options.services());
            // Reading what exists does not depend on the images: it overlaps their inspection (or pull, or build).
            FutureTask<ObservedState> observing = new FutureTask<>(() -> observe(project));
            Thread.ofVirtual().name("berth-observe").start(observing);
            Map<String, String> imageIds = new ImagePreparer(engine, project, progress).prepare(services, options);
            DesiredState desired = DesiredStates.of(project, options.services(), imageIds);
            ObservedState observed = BackgroundResults.join(observing, "reading the project's state");
            Plan plan = Planner.plan(desired, observed, options.plan());
            plan.warnings().forEach(warning -> progress.onEvent(
                    ProgressEvent.warning(ResourceKind.PROJECT, project.name(), null, "Warning", warning)));
            new PlanExecutor(engine, project, progress, options).execute(plan, desired, observed);
            return plan;
        } finally {
            progress.finish();
        }
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
        try {
            ImagePreparer images = new ImagePreparer(engine, project, progress);
            for (ServiceSpec service : selected(project, services)) {
                if (service.build() != null) {
                    images.build(service, ContainerRequests.imageOf(project, service));
                }
            }
        } finally {
            progress.finish();
        }
    }

    /** Pulls the images of services that name one (services that only build are skipped). */
    public void pull(Project project, Set<String> services, ProgressListener progress) {
        try {
            ImagePreparer images = new ImagePreparer(engine, project, progress);
            for (ServiceSpec service : selected(project, services)) {
                if (service.image() != null && !"build".equals(service.pullPolicy())) {
                    images.pull(service, service.image());
                }
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * Stops and removes the project's containers (dependents first), then its networks; its volumes only
     * with {@code -v}, never external ones (they carry no project label). Idempotent.
     *
     * @param project     the project name
     * @param definition  the loaded project when there is one (for orphans and --rmi), else null
     */
    public void down(String project, Project definition, DownOptions options, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = ObservedStates.serviceContainers(engine, project);
            if (definition != null && !options.removeOrphans()) {
                Set<String> known = new HashSet<>(definition.services().keySet());
                known.addAll(definition.disabledServices().keySet());
                List<ServiceContainer> orphans = containers.stream().filter(c -> !known.contains(c.service())).toList();
                if (!orphans.isEmpty()) {
                    progress.onEvent(ProgressEvent.warning(ResourceKind.PROJECT, project, null, "Warning",
                            "Found orphan containers (" + String.join(", ", orphans.stream().map(ServiceContainer::name).toList())
                                    + ") for this project; they are removed too. Use --remove-orphans to silence this."));
                }
            }
            stopInReverseOrder(containers, options.timeout(), progress, container -> {
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), container.service(), "Removing"));
                ignoreNotFound(() -> engine.containers().remove(container.id(), true, options.removeVolumes()));
                progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), container.service(), "Removed"));
            });
            for (Network network : engine.networks().list(Filters.none().label(ComposeLabels.projectFilter(project)))) {
                progress.onEvent(ProgressEvent.working(ResourceKind.NETWORK, network.name(), null, "Removing"));
                try {
                    engine.networks().remove(network.id());
                    progress.onEvent(ProgressEvent.done(ResourceKind.NETWORK, network.name(), null, "Removed"));
                } catch (EngineApiException e) {
                    if (!e.isNotFound()) {
                        progress.onEvent(ProgressEvent.warning(ResourceKind.NETWORK, network.name(), null, "Kept",
                                e.engineMessage()));
                    }
                }
            }
            if (options.removeVolumes()) {
                for (Volume volume : engine.volumes().list(Filters.none().label(ComposeLabels.projectFilter(project)))) {
                    progress.onEvent(ProgressEvent.working(ResourceKind.VOLUME, volume.name(), null, "Removing"));
                    try {
                        engine.volumes().remove(volume.name(), false);
                        progress.onEvent(ProgressEvent.done(ResourceKind.VOLUME, volume.name(), null, "Removed"));
                    } catch (EngineApiException e) {
                        if (!e.isNotFound()) {
                            progress.onEvent(ProgressEvent.warning(ResourceKind.VOLUME, volume.name(), null, "Kept",
                                    e.engineMessage()));
                        }
                    }
                }
            }
            if (options.removeImages() != DownOptions.RemoveImages.NONE) {
                removeImages(project, definition, containers, options.removeImages(), progress);
            }
        } finally {
            progress.finish();
        }
    }

    /** Stops the project's running containers, dependents first. */
    public void stop(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = serviceContainers(project, services).stream()
                    .filter(c -> c.state().isStoppable()).toList();
            stopInReverseOrder(containers, timeout, progress, container -> { });
        } finally {
            progress.finish();
        }
    }

    /** Starts the project's stopped containers, dependencies first. */
    public void start(String project, Set<String> services, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = serviceContainers(project, services).stream()
                    .filter(c -> c.state() != ContainerState.RUNNING).toList();
            List<List<ServiceContainer>> layers = new ArrayList<>(layers(containers));
            for (List<ServiceContainer> layer : layers) {
                inParallel(layer, container -> {
                    String name = container.name();
                    String service = container.service();
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Starting"));
                    if (container.state() == ContainerState.PAUSED) {
                        engine.containers().unpause(container.id());
                    } else {
                        engine.containers().start(container.id());
                    }
                    progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Started"));
                });
            }
        } finally {
            progress.finish();
        }
    }

    public void restart(String project, Set<String> services, Duration timeout, ProgressListener progress) {
        forEach(project, services, "Restarting", "Restarted", progress, container -> engine.containers()
                .restart(container.id(), timeout));
    }

    public void pause(String project, Set<String> services, ProgressListener progress) {
        forEach(project, services, "Pausing", "Paused", progress, container -> {
            if (container.state() == ContainerState.RUNNING) {
                engine.containers().pause(container.id());
            }
        });
    }

    public void unpause(String project, Set<String> services, ProgressListener progress) {
        forEach(project, services, "Unpausing", "Unpaused", progress, container -> {
            if (container.state() == ContainerState.PAUSED) {
                engine.containers().unpause(container.id());
            }
        });
    }

    public void kill(String project, Set<String> services, String signal, ProgressListener progress) {
        forEach(project, services, "Killing", "Killed", progress, container -> {
            if (container.state() == ContainerState.RUNNING || container.state() == ContainerState.PAUSED) {
                engine.containers().kill(container.id(), signal);
            }
        });
    }

    /**
     * Removes stopped containers ({@code rm}); with {@code stopFirst} ({@code -s}) running ones are stopped
     * first, otherwise they are left alone.
     */
    public void remove(String project, Set<String> services, boolean stopFirst, boolean removeVolumes, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = serviceContainers(project, services);
            if (stopFirst) {
                stopInReverseOrder(containers.stream().filter(c -> c.state() == ContainerState.RUNNING).toList(), null, progress,
                        container -> { });
                containers = serviceContainers(project, services);
            }
            inParallel(containers.stream().filter(c -> !c.isUp()).toList(),
                    container -> {
                        String name = container.name();
                        String service = container.service();
                        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Removing"));
                        ignoreNotFound(() -> engine.containers().remove(container.id(), true, removeVolumes));
                        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Removed"));
                    });
        } finally {
            progress.finish();
        }
    }

    /** The project's containers, sorted by service and number ({@code ps}). */
    public List<ServiceContainer> ps(String project, Set<String> services, boolean all) {
        return serviceContainers(project, services).stream()
                .filter(container -> all || container.isUp())
                .sorted(Comparator.comparing(ServiceContainer::service).thenComparingInt(ServiceContainer::number)
                        .thenComparing(ServiceContainer::name))
                .toList();
    }

    /** Every Compose project on the engine, whoever started it ({@code ls}); with {@code all} also stopped ones. */
    public List<ProjectSummary> listProjects(boolean all) {
        Map<String, List<ServiceContainer>> byProject = new TreeMap<>();
        for (ContainerSummary summary : engine.containers().list(ListOptions.allContainers()
                .withFilters(Filters.none().label(ComposeLabels.PROJECT)))) {
            ServiceContainer container = ServiceContainer.of(summary);
            if (!container.oneOff()) {
                byProject.computeIfAbsent(container.project(), key -> new ArrayList<>()).add(container);
            }
        }
        List<ProjectSummary> projects = new ArrayList<>();
        byProject.forEach((name, containers) -> {
            int running = (int) containers.stream().filter(c -> c.state() == ContainerState.RUNNING).count();
            int healthy = (int) containers.stream().filter(c -> c.health() == ContainerHealth.HEALTHY).count();
            int unhealthy = (int) containers.stream().filter(c -> c.health() == ContainerHealth.UNHEALTHY).count();
            Set<String> files = new LinkedHashSet<>();
            String workingDir = "";
            for (ServiceContainer container : containers) {
                files.addAll(container.configFiles());
                if (workingDir.isEmpty()) {
                    workingDir = container.workingDir();
                }
            }
            if (all || running > 0) {
                projects.add(new ProjectSummary(name, running, containers.size(), healthy, unhealthy, new ArrayList<>(files), workingDir));
            }
        });
        return projects;
    }

    // --- helpers ------------------------------------------------------------------------------

    private ObservedState observe(Project project) {
        List<String> externalNetworks = project.networks().values().stream().filter(n -> n.external()).map(n -> n.name()).toList();
        List<String> externalVolumes = project.volumes().values().stream().filter(v -> v.external()).map(v -> v.name()).toList();
        return ObservedStates.read(engine, project.name(), externalNetworks, externalVolumes);
    }

    private Map<String, String> currentImageIds(Project project) {
        Map<String, String> ids = new HashMap<>();
        for (ServiceSpec service : project.services().values()) {
            try {
                ids.put(service.name(), engine.images().inspect(ContainerRequests.imageOf(project, service)).id());
            } catch (EngineApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return ids;
    }

    private static List<ServiceSpec> selected(Project project, Set<String> services) {
        return project.services().values().stream()
                .filter(service -> services.isEmpty() || services.contains(service.name())).toList();
    }

    private List<ServiceContainer> serviceContainers(String project, Set<String> services) {
        return ObservedStates.serviceContainers(engine, project).stream()
                .filter(c -> !c.oneOff() || services.isEmpty())
                .filter(c -> services.isEmpty() || services.contains(c.service()))
                .toList();
    }

    private void forEach(String project, Set<String> services, String working, String done, ProgressListener progress,
                         Consumer<ServiceContainer> action) {
        try {
            inParallel(serviceContainers(project, services), container -> {
                String name = container.name();
                String service = container.service();
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, working));
                action.accept(container);
                progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, done));
            });
        } finally {
            progress.finish();
        }
    }

    /** Stops containers layer by layer, dependents before what they depend on; then runs {@code after} on each. */
    private void stopInReverseOrder(List<ServiceContainer> containers, Duration timeout, ProgressListener progress,
                                    Consumer<ServiceContainer> after) {
        List<List<ServiceContainer>> layers = new ArrayList<>(layers(containers));
        Collections.reverse(layers);
        for (List<ServiceContainer> layer : layers) {
            inParallel(layer, container -> {
                String name = container.name();
                String service = container.service();
                if (container.state().isStoppable()) {
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Stopping"));
                    ignoreNotFound(() -> engine.containers().stop(container.id(), timeout));
                    progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Stopped"));
                }
                after.accept(container);
            });
        }
    }

    /**
     * Groups containers into start layers using the {@code depends_on} label Compose v2 and Berth write
     * ({@code db:service_healthy:false,...}); without it (docker-compose v1) everything is one layer.
     */
    static List<List<ServiceContainer>> layers(List<ServiceContainer> containers) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (ServiceContainer container : containers) {
            Set<String> deps = needs.computeIfAbsent(container.service(), key -> new HashSet<>());
            container.dependencies().forEach(dependency -> deps.add(dependency.service()));
        }
        needs.values().forEach(deps -> deps.retainAll(needs.keySet()));
        List<List<ServiceContainer>> layers = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (placed.size() < needs.size()) {
            List<String> layer = needs.entrySet().stream()
                    .filter(e -> !placed.contains(e.getKey()) && placed.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (layer.isEmpty()) { // a cycle in labels: put the rest together rather than loop forever
                layer = needs.keySet().stream().filter(s -> !placed.contains(s)).toList();
            }
            placed.addAll(layer);
            Set<String> inLayer = new HashSet<>(layer);
            layers.add(containers.stream().filter(c -> inLayer.contains(c.service())).toList());
        }
        return layers;
    }

    private void removeImages(String project, Project definition, List<ServiceContainer> containers,
                              DownOptions.RemoveImages which, ProgressListener progress) {
        Set<String> images = new LinkedHashSet<>();
        if (definition != null) {
            for (ServiceSpec service : definition.services().values()) {
                if (which == DownOptions.RemoveImages.ALL || service.image() == null) {
                    images.add(ContainerRequests.imageOf(definition, service));
                }
            }
        } else {
            for (ServiceContainer container : containers) {
                String image = container.image();
                String service = container.service();
                if (which == DownOptions.RemoveImages.ALL || image.equals(ResourceNames.builtImageName(project, service))) {
                    images.add(image);
                }
            }
        }
        for (String image : images) {
            progress.onEvent(ProgressEvent.working(ResourceKind.IMAGE, image, null, "Removing"));
            try {
                engine.images().remove(image, false, false);
                progress.onEvent(ProgressEvent.done(ResourceKind.IMAGE, image, null, "Removed"));
            } catch (EngineApiException e) {
                progress.onEvent(e.isNotFound() ? ProgressEvent.done(ResourceKind.IMAGE, image, null, "Removed")
                        : ProgressEvent.warning(ResourceKind.IMAGE, image, null, "Kept", e.engineMessage()));
            }
        }
    }

    private static void inParallel(List<ServiceContainer> containers, Consumer<ServiceContainer> action) {
        if (containers.size() <= 1) {
            containers.forEach(action);
            return;
        }
        List<String> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            containers.forEach(c -> futures.add(threads.submit(() -> action.accept(c))));
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ComposeException("interrupted");
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new ComposeException(String.join("\n", failures));
        }
    }

    private static void ignoreNotFound(Runnable call) {
        try {
            call.run();
        } catch (EngineApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
