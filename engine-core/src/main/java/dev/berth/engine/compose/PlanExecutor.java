package dev.berth.engine.compose;

import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.Units;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.Ipam;
import dev.berth.engine.api.model.IpamPool;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.compose.plan.DependencyEdge;
import dev.berth.engine.compose.plan.DesiredState.DesiredService;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Operation.Action;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link Plan} on the engine. It decides nothing and recomputes nothing: the plan says what to do to
 * which resource, what each service waits for, its configuration hash and image, and which observed container
 * each operation acts on. The executor orders it (networks and volumes first, then the services through the
 * {@link DependencyWalker}: each once the services it depends on meet their condition, all others at once)
 * and makes every engine request within one {@link CallLimit}.
 */
final class PlanExecutor {

    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final EngineClient engine;
    private final Project project;
    private final ProgressListener progress;
    private final UpOptions options;
    private final CallLimit calls;
    private final Map<String, List<String>> containersOfService = new ConcurrentHashMap<>();
    private final ContainerRequests requests;

    PlanExecutor(EngineClient engine, Project project, ProgressListener progress, UpOptions options) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.options = options;
        this.calls = new CallLimit(options.parallelism());
        this.requests = new ContainerRequests(project, service -> containersOfService.getOrDefault(service, List.of()));
    }

    void execute(Plan plan) {
        // The names each service's containers will have: what references to it (service:x, volumes_from, links) resolve to.
        for (Operation operation : plan.operations()) {
            if (operation.kind() == ResourceKind.CONTAINER && operation.action() != Action.REMOVE && operation.service() != null) {
                containersOfService.merge(operation.service(), List.of(operation.name()), PlanExecutor::concat);
            }
        }
        for (Operation operation : plan.operations()) {
            switch (operation.kind()) {
                case NETWORK -> network(operation);
                case VOLUME -> volume(operation);
                default -> { }
            }
        }
        runContainers(plan);
    }

    // --- networks and volumes -----------------------------------------------------------------

    private void network(Operation operation) {
        switch (operation.action()) {
            case CHECK_EXISTS -> {
                if (!exists(() -> calls.run(() -> engine.networks().inspect(operation.name())))) {
                    throw new ComposeException("network " + operation.name()
                            + " declared as external, but could not be found: create it with `docker network create "
                            + operation.name() + "` or remove `external: true`");
                }
            }
            case CREATE -> {
                NetworkSpec spec = project.networks().values().stream()
                        .filter(network -> network.name().equals(operation.name())).findFirst().orElseThrow();
                progress.onEvent(ProgressEvent.working(ResourceKind.NETWORK, operation.name(), null, "Creating"));
                Map<String, String> labels = new LinkedHashMap<>(spec.labels());
                labels.put(ComposeLabels.PROJECT, project.name());
                labels.put(ComposeLabels.NETWORK, spec.key());
                labels.put(ComposeLabels.VERSION, ComposeLabels.COMPATIBLE_VERSION);
                try {
                    calls.run(() -> engine.networks().create(NetworkCreateRequest.builder()
                            .name(spec.name())
                            .checkDuplicate(true)
                            .driver(spec.driver())
                            .options(spec.driverOpts().isEmpty() ? null : spec.driverOpts())
                            .internal(spec.internal())
                            .attachable(spec.attachable())
                            .enableIpv6(spec.enableIpv6())
                            .ipam(ipam(spec.ipam()))
                            .labels(labels)
                            .build()));
                } catch (EngineApiException e) {
                    progress.onEvent(ProgressEvent.error(ResourceKind.NETWORK, operation.name(), null, "Error", e.engineMessage()));
                    throw new ComposeException("network " + operation.name() + " could not be created: " + e.engineMessage(), e);
                }
                progress.onEvent(ProgressEvent.done(ResourceKind.NETWORK, operation.name(), null, "Created"));
            }
            default -> { }
        }
    }

    @SuppressWarnings("unchecked")
    private static Ipam ipam(Map<String, Object> ipam) {
        if (ipam == null || ipam.isEmpty()) {
            return null;
        }
        List<IpamPool> pools = new ArrayList<>();
        Object config = ipam.get("config");
        if (config instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> pool) {
                    pools.add(new IpamPool((String) pool.get("subnet"), (String) pool.get("ip_range"),
                            (String) pool.get("gateway"), (Map<String, String>) pool.get("aux_addresses")));
                }
            }
        }
        return new Ipam((String) ipam.get("driver"), pools.isEmpty() ? null : pools,
                (Map<String, String>) ipam.get("options"));
    }

    private void volume(Operation operation) {
        switch (operation.action()) {
            case CHECK_EXISTS -> {
                if (!exists(() -> calls.run(() -> engine.volumes().inspect(operation.name())))) {
                    throw new ComposeException("volume " + operation.name()
                            + " declared as external, but could not be found: create it with `docker volume create "
                            + operation.name() + "` or remove `external: true`");
                }
            }
            case CREATE -> {
                VolumeSpec spec = project.volumes().values().stream()
                        .filter(volume -> volume.name().equals(operation.name())).findFirst().orElseThrow();
                progress.onEvent(ProgressEvent.working(ResourceKind.VOLUME, operation.name(), null, "Creating"));
                Map<String, String> labels = new LinkedHashMap<>(spec.labels());
                labels.put(ComposeLabels.PROJECT, project.name());
                labels.put(ComposeLabels.VOLUME, spec.key());
                labels.put(ComposeLabels.VERSION, ComposeLabels.COMPATIBLE_VERSION);
                calls.run(() -> engine.volumes().create(VolumeCreateRequest.builder().name(spec.name()).driver(spec.driver())
                        .driverOpts(spec.driverOpts().isEmpty() ? null : spec.driverOpts()).labels(labels).build()));
                progress.onEvent(ProgressEvent.done(ResourceKind.VOLUME, operation.name(), null, "Created"));
            }
            default -> { }
        }
    }

    // --- containers ---------------------------------------------------------------------------

    /** A container of a service once its operations ran: what its dependents wait on. */
    private record Started(String id, String name) {}

    private void runContainers(Plan plan) {
        Map<String, DesiredService> services = new LinkedHashMap<>();
        plan.services().forEach(service -> services.put(service.name(), service));
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        services.values().forEach(service -> dependsOn.put(service.name(),
                service.dependencies().stream().map(DependencyEdge::service).distinct().toList()));
        List<String> failures = new ArrayList<>();
        try (HealthWatcher health = new HealthWatcher(engine, project.name(), calls)) {
            Map<String, CompletableFuture<List<Started>>> outcomes = DependencyWalker.walk(dependsOn,
                    DependencyWalker.Order.DEPENDENCIES_FIRST, (name, waitedFor) -> {
                        DesiredService service = services.get(name);
                        awaitDependencies(service, waitedFor, health);
                        return runService(service, plan.forService(name));
                    });
            failures.addAll(DependencyWalker.failures(outcomes));
            if (failures.isEmpty() && options.waitHealthy() && options.start()) {
                Set<String> oneShots = WaitConditions.awaitedToComplete(project);
                Instant deadline = Instant.now().plus(options.healthTimeout()); // one budget for all, as compose's context
                // The containers are first looked at one tick after the starts, as compose's 500 ms ticker does: a
                // process that exits at once ("exit 2") is still "running" right after its start call.
                sleepQuietly(FIRST_LOOK);
                outcomes.forEach((name, outcome) -> {
                    for (Started container : outcome.join()) {
                        awaitReady(name, project.services().get(name), container, health, oneShots.contains(name), deadline);
                    }
                });
            }
        }
        // Orphans and scale-down removals of services no longer desired.
        for (Operation operation : plan.operations()) {
            if (operation.kind() == ResourceKind.CONTAINER && operation.action() == Action.REMOVE
                    && !services.containsKey(operation.service())) {
                remove(operation);
            }
        }
        if (!failures.isEmpty()) {
            throw new ComposeException(String.join("\n", failures));
        }
    }

    /** Waits until every service this one depends on meets its condition; throws when a required one cannot. */
    private void awaitDependencies(DesiredService desired, Map<String, CompletableFuture<List<Started>>> waitedFor,
                                   HealthWatcher health) {
        String service = desired.name();
        for (DependencyEdge edge : desired.dependencies()) {
            String dependency = edge.service();
            CompletableFuture<List<Started>> outcome = waitedFor.get(dependency);
            if (outcome == null) {
                continue; // not converged by this run (not selected, or disabled by a profile)
            }
            List<Started> containers;
            try {
                containers = outcome.join();
            } catch (CompletionException e) {
                String why = DependencyWalker.messageOf(e);
                if (!edge.required()) {
                    progress.onEvent(ProgressEvent.warning(ResourceKind.SERVICE, service, service, "Skipped dependency",
                            "optional dependency " + dependency + " failed: " + why));
                    continue;
                }
                progress.onEvent(ProgressEvent.error(ResourceKind.SERVICE, service, service, "Error",
                        "dependency " + dependency + " failed to start"));
                throw new ComposeException("service " + service + " was not started: its dependency " + dependency
                        + " failed (" + why + ")");
            }
            for (Started container : containers) {
                switch (edge.condition()) {
                    case DependencyEdge.HEALTHY -> awaitHealthy(service, edge, container, health);
                    case DependencyEdge.COMPLETED -> awaitCompleted(service, edge, container);
                    default -> { }
                }
            }
        }
    }

    private void awaitHealthy(String service, DependencyEdge edge, Started container, HealthWatcher health) {
        String dependency = edge.service();
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), dependency, "Waiting"));
        try {
            health.awaitHealthy(dependency, container.id(), container.name(), options.healthTimeout());
        } catch (ComposeException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, container.name(), dependency, "Error", e.getMessage()));
            if (edge.required()) {
                throw new ComposeException("service " + service + " was not started: " + e.getMessage(), e);
            }
            return;
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), dependency, "Healthy"));
    }

    private void awaitCompleted(String service, DependencyEdge edge, Started container) {
        String dependency = edge.service();
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), dependency, "Waiting"));
        long exit = engine.containers().waitFor(container.id(), "not-running").statusCode(); // a wait: holds no permit
        if (exit != 0) {
            String tail = lastLogLines(container.id(), 10);
            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, container.name(), dependency, "Exited", "exit code " + exit));
            if (edge.required()) {
                throw new ComposeException("service " + service + " was not started: " + dependency
                        + " did not complete successfully: exit code " + exit + (tail.isEmpty() ? "" : "\n" + tail));
            }
            return;
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), dependency, "Exited"));
    }

    /** Runs one service's operations; returns its containers afterwards. */
    private List<Started> runService(DesiredService desired, List<Operation> operations) {
        String service = desired.name();
        ServiceSpec spec = project.services().get(service);
        List<Started> containers = new ArrayList<>();
        for (Operation operation : operations.stream().sorted(Comparator.comparingInt(Operation::number)).toList()) {
            ServiceContainer existing = operation.existing();
            switch (operation.action()) {
                case NONE -> {
                    if (existing != null) {
                        containers.add(new Started(existing.id(), existing.name()));
                        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), service, "Running"));
                    }
                }
                case CREATE -> containers.add(create(spec, desired, operation));
                case RECREATE -> {
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), service, "Recreate"));
                    stopAndRemove(spec, existing.id(), operation.name());
                    containers.add(create(spec, desired, operation));
                }
                case START -> {
                    start(spec, operation.name(), existing.id(), existing.state() == ContainerState.PAUSED);
                    containers.add(new Started(existing.id(), existing.name()));
                }
                case RESTART -> {
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), service, "Restarting"));
                    calls.run(() -> engine.containers().restart(existing.id(), grace(spec)));
                    progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), service, "Restarted"));
                    containers.add(new Started(existing.id(), existing.name()));
                }
                case REMOVE -> remove(operation);
                default -> { }
            }
        }
        return containers;
    }

    /** Creates (and unless {@code create} only, starts) one container, with the plan's configuration hash and image. */
    private Started create(ServiceSpec spec, DesiredService desired, Operation operation) {
        String name = operation.name();
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec.name(), "Creating"));
        String fields = EngineJson.MAPPER.writeValueAsString(new TreeMap<>(desired.configFields()));
        String id;
        try {
            id = calls.call(() -> engine.containers().create(name,
                    requests.create(spec, operation.number(), desired.configHash(), desired.imageId(), fields)).id());
            List<ServiceNetwork> networks = ContainerRequests.orderedNetworks(spec);
            if (spec.networkMode() == null) {
                for (ServiceNetwork network : networks.subList(Math.min(1, networks.size()), networks.size())) {
                    calls.run(() -> engine.networks().connect(requests.networkName(network.network()), id,
                            requests.endpoint(spec, network, name)));
                }
            }
        } catch (EngineApiException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, name, spec.name(), "Error", e.engineMessage()));
            String hint = e.isConflict() ? " (a container with this name exists and is not part of project "
                    + project.name() + ": rename or remove it)" : "";
            throw new ComposeException("service " + spec.name() + ": creating container " + name + " failed: "
                    + e.engineMessage() + hint, e);
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, spec.name(), "Created"));
        if (options.start()) {
            start(spec, name, id, false); // a container just created is not paused
        }
        return new Started(id, name);
    }

    /**
     * Starts the container, or unpauses it when it was paused: the state comes from the observation (or from
     * having just created it), which saves an inspect per container on the engine's critical path.
     */
    private void start(ServiceSpec spec, String name, String id, boolean paused) {
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec.name(), "Starting"));
        try {
            if (paused) {
                calls.run(() -> engine.containers().unpause(id));
            } else {
                startOrUnpause(id);
            }
        } catch (EngineApiException e) {
            String message = e.engineMessage();
            String explained = PortConflicts.explain(spec, message)
                    .orElse("service " + spec.name() + ": starting container " + name + " failed: " + message);
            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, name, spec.name(), "Error", message));
            throw new ComposeException(explained, e);
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, spec.name(), "Started"));
    }

    /** Paused since it was observed (by another tool)? The engine refuses to start it and says so. */
    private void startOrUnpause(String id) {
        try {
            calls.run(() -> engine.containers().start(id));
        } catch (EngineApiException e) {
            String message = String.valueOf(e.engineMessage());
            if (!message.contains("paused container")) {
                throw e;
            }
            calls.run(() -> engine.containers().unpause(id));
        }
    }

    private void stopAndRemove(ServiceSpec spec, String id, String name) {
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec.name(), "Stopping"));
        calls.runIgnoringNotFound(() -> engine.containers().stop(id, grace(spec)));
        calls.run(() -> engine.containers().remove(id, true, false));
    }

    private void remove(Operation operation) {
        if (operation.existing() == null) {
            return;
        }
        String id = operation.existing().id();
        ServiceSpec spec = operation.service() == null ? null : project.services().get(operation.service());
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), operation.service(), "Removing"));
        calls.runIgnoringNotFound(() -> engine.containers().stop(id, grace(spec)));
        calls.run(() -> engine.containers().remove(id, true, false));
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), operation.service(), "Removed"));
    }

    /**
     * {@code --wait} for one container, as docker compose's start.go: a one-shot others need with
     * service_completed_successfully must have exited 0; any other container must not have exited and,
     * when it has a health check (from the file or the image), must be healthy.
     */
    private void awaitReady(String service, ServiceSpec spec, Started container, HealthWatcher health, boolean oneShot,
            Instant deadline) {
        String id = container.id();
        String name = container.name();
        if (oneShot) {
            ContainerInspect inspect = calls.call(() -> engine.containers().inspect(id));
            while (inspect.state() != null && (Boolean.TRUE.equals(inspect.state().running())
                    || Boolean.TRUE.equals(inspect.state().restarting()))) {
                if (!Instant.now().isBefore(deadline)) {
                    throw new ComposeException("application not healthy after " + Units.format(options.healthTimeout()));
                }
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Waiting"));
                sleepQuietly(Duration.ofMillis(500));
                inspect = calls.call(() -> engine.containers().inspect(id));
            }
            Integer exit = inspect.state() == null ? null : inspect.state().exitCode();
            if (exit == null || exit != 0) {
                throw new ComposeException("service \"" + service + "\" didn't complete successfully: exit " + exit);
            }
            progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Exited"));
            return;
        }
        ContainerInspect inspect = calls.call(() -> engine.containers().inspect(id));
        if (inspect.state() == null || !Boolean.TRUE.equals(inspect.state().running())
                && !Boolean.TRUE.equals(inspect.state().restarting())) {
            throw new ComposeException("service " + service + ": container " + name + " exited ("
                    + (inspect.state() == null ? "?" : inspect.state().exitCode()) + ")");
        }
        List<String> test = inspect.config() == null || inspect.config().healthcheck() == null ? null
                : inspect.config().healthcheck().test();
        boolean checked = test != null && !test.isEmpty() && !"NONE".equals(test.get(0))
                && !(spec != null && spec.healthcheck() != null && spec.healthcheck().disable());
        if (!checked) {
            return; // no health check: running is ready
        }
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Waiting"));
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            health.awaitHealthy(service, id, name, left.isNegative() ? Duration.ZERO : left);
        } catch (ComposeException e) {
            if (!Instant.now().isBefore(deadline)) {
                throw new ComposeException("application not healthy after " + Units.format(options.healthTimeout())
                        + ": " + e.getMessage(), e);
            }
            throw e;
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Healthy"));
    }

    /** When {@code --wait} first looks at a started container (compose's ticker period). */
    private static final Duration FIRST_LOOK = Duration.ofMillis(500);

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException("interrupted while waiting");
        }
    }

    private String lastLogLines(String id, int lines) {
        StringBuilder text = new StringBuilder();
        try (EngineStream<OutputLine> logs = calls.call(() -> engine.containers().logs(id, LogsOptions.everything().withTail(lines)))) {
            for (OutputLine line : logs) {
                text.append("  ").append(line.text().stripTrailing()).append('\n');
            }
        } catch (RuntimeException e) {
            return "";
        }
        return text.toString().stripTrailing();
    }

    private static Duration grace(ServiceSpec spec) {
        return spec != null && spec.stopGracePeriod() != null ? spec.stopGracePeriod() : DEFAULT_STOP_GRACE;
    }

    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(name -> !all.contains(name)).forEach(all::add);
        return all;
    }
}
