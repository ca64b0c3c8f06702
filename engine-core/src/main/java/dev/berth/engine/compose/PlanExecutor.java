package dev.berth.engine.compose;

import dev.berth.compose.graph.Edge;
import dev.berth.compose.graph.EdgeKind;
import dev.berth.compose.graph.ServiceGraph;
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
import dev.berth.engine.compose.plan.DesiredState;
import dev.berth.engine.compose.plan.ObservedState;
import dev.berth.engine.compose.plan.ObservedState.ObservedContainer;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Operation.Action;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs a {@link Plan} on the engine. It decides nothing: the plan says what to do to which resource; the
 * executor only orders it (networks and volumes first, then each service once the services it depends on
 * meet their condition) and runs independent services in parallel on virtual threads, with a bound on
 * concurrent engine calls.
 */
final class PlanExecutor {

    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final EngineClient engine;
    private final Project project;
    private final ProgressListener progress;
    private final UpOptions options;
    private final Semaphore engineCalls;
    private final Map<String, List<String>> containersOfService = new ConcurrentHashMap<>();
    private final ContainerRequests requests;

    PlanExecutor(EngineClient engine, Project project, ProgressListener progress, UpOptions options) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.options = options;
        this.engineCalls = new Semaphore(Math.max(1, options.parallelism()));
        this.requests = new ContainerRequests(project, service -> containersOfService.getOrDefault(service, List.of()));
    }

    void execute(Plan plan, DesiredState desired, ObservedState observed) {
        for (ObservedContainer container : observed.containers()) {
            if (!container.oneOff()) {
                containersOfService.merge(container.service(), List.of(container.name()), PlanExecutor::concat);
            }
        }
        for (Operation operation : plan.operations()) {
            switch (operation.kind()) {
                case NETWORK -> network(operation);
                case VOLUME -> volume(operation);
                default -> { }
            }
        }
        runContainers(plan, desired, observed);
    }

    // --- networks and volumes -----------------------------------------------------------------

    private void network(Operation operation) {
        switch (operation.action()) {
            case CHECK_EXISTS -> {
                if (!exists(() -> engine.networks().inspect(operation.name()))) {
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
                    engine.networks().create(NetworkCreateRequest.builder()
                            .name(spec.name())
                            .checkDuplicate(true)
                            .driver(spec.driver())
                            .options(spec.driverOpts().isEmpty() ? null : spec.driverOpts())
                            .internal(spec.internal())
                            .attachable(spec.attachable())
                            .enableIpv6(spec.enableIpv6())
                            .ipam(ipam(spec.ipam()))
                            .labels(labels)
                            .build());
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
                if (!exists(() -> engine.volumes().inspect(operation.name()))) {
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
                engine.volumes().create(VolumeCreateRequest.builder().name(spec.name()).driver(spec.driver())
                        .driverOpts(spec.driverOpts().isEmpty() ? null : spec.driverOpts()).labels(labels).build());
                progress.onEvent(ProgressEvent.done(ResourceKind.VOLUME, operation.name(), null, "Created"));
            }
            default -> { }
        }
    }

    // --- containers ---------------------------------------------------------------------------

    private void runContainers(Plan plan, DesiredState desired, ObservedState observed) {
        ServiceGraph graph = ServiceGraph.of(project);
        Map<String, CompletableFuture<List<String>>> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HealthWatcher health = new HealthWatcher(engine, project.name())) {
            for (DesiredState.DesiredService service : desired.services()) {
                List<Edge> dependencies = graph.dependenciesOf(service.name()).stream()
                        .filter(edge -> outcomes.containsKey(edge.to()))
                        .toList();
                Map<Edge, CompletableFuture<List<String>>> waitFor = new LinkedHashMap<>();
                dependencies.forEach(edge -> waitFor.put(edge, outcomes.get(edge.to())));
                CompletableFuture<List<String>> outcome = CompletableFuture.supplyAsync(() -> {
                    awaitDependencies(service.name(), waitFor, health);
                    return runService(service, plan.forService(service.name()), observed);
                }, threads);
                outcomes.put(service.name(), outcome);
            }
            for (Map.Entry<String, CompletableFuture<List<String>>> entry : outcomes.entrySet()) {
                try {
                    entry.getValue().join();
                } catch (CompletionException e) {
                    failures.add(messageOf(e.getCause()));
                }
            }
            if (failures.isEmpty() && options.waitHealthy() && options.start()) {
                Set<String> oneShots = WaitConditions.awaitedToComplete(project);
                Instant deadline = Instant.now().plus(options.healthTimeout()); // one budget for all, as compose's context
                for (Map.Entry<String, CompletableFuture<List<String>>> entry : outcomes.entrySet()) {
                    ServiceSpec spec = project.services().get(entry.getKey());
                    for (String id : entry.getValue().join()) {
                        awaitReady(entry.getKey(), spec, id, health, oneShots.contains(entry.getKey()), deadline);
                    }
                }
            }
        }
        // Orphans and scale-down removals of services no longer desired.
        for (Operation operation : plan.operations()) {
            if (operation.kind() == ResourceKind.CONTAINER && operation.action() == Action.REMOVE
                    && desired.services().stream().noneMatch(s -> s.name().equals(operation.service()))) {
                remove(operation, idOf(operation.name(), observed));
            }
        }
        if (!failures.isEmpty()) {
            throw new ComposeException(String.join("\n", failures));
        }
    }

    private void awaitDependencies(String service, Map<Edge, CompletableFuture<List<String>>> dependencies, HealthWatcher health) {
        for (Map.Entry<Edge, CompletableFuture<List<String>>> entry : dependencies.entrySet()) {
            Edge edge = entry.getKey();
            String dependency = edge.to();
            List<String> ids;
            try {
                ids = entry.getValue().join();
            } catch (CompletionException e) {
                if (edge.kind() == EdgeKind.DEPENDS_ON && !edge.required()) {
                    progress.onEvent(ProgressEvent.warning(ResourceKind.SERVICE, service, service, "Skipped dependency",
                            "optional dependency " + dependency + " failed: " + messageOf(e.getCause())));
                    continue;
                }
                progress.onEvent(ProgressEvent.error(ResourceKind.SERVICE, service, service, "Error",
                        "dependency " + dependency + " failed to start"));
                throw new ComposeException("service " + service + " was not started: its dependency " + dependency
                        + " failed (" + messageOf(e.getCause()) + ")");
            }
            String condition = edge.kind() == EdgeKind.DEPENDS_ON && edge.condition() != null ? edge.condition() : "service_started";
            for (String id : ids) {
                String name = nameOf(id);
                switch (condition) {
                    case "service_healthy" -> {
                        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, dependency, "Waiting"));
                        try {
                            health.awaitHealthy(dependency, id, name, options.healthTimeout());
                        } catch (ComposeException e) {
                            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, name, dependency, "Error", e.getMessage()));
                            if (!edge.required()) {
                                continue;
                            }
                            throw new ComposeException("service " + service + " was not started: " + e.getMessage(), e);
                        }
                        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, dependency, "Healthy"));
                    }
                    case "service_completed_successfully" -> {
                        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, dependency, "Waiting"));
                        long exit = engine.containers().waitFor(id, "not-running").statusCode();
                        if (exit != 0) {
                            String tail = lastLogLines(id, 10);
                            progress.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, name, dependency, "Exited", "exit code " + exit));
                            if (!edge.required()) {
                                continue;
                            }
                            throw new ComposeException("service " + service + " was not started: " + dependency
                                    + " did not complete successfully: exit code " + exit + (tail.isEmpty() ? "" : "\n" + tail));
                        }
                        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, dependency, "Exited"));
                    }
                    default -> { }
                }
            }
        }
    }

    /** Runs one service's operations; returns the ids of its containers afterwards. */
    private List<String> runService(DesiredState.DesiredService desired, List<Operation> operations, ObservedState observed) {
        String service = desired.name();
        ServiceSpec spec = project.services().get(service);
        List<String> ids = new ArrayList<>();
        for (Operation operation : operations.stream().sorted(Comparator.comparingInt(Operation::number)).toList()) {
            String existing = idOf(operation.name(), observed);
            switch (operation.action()) {
                case NONE -> {
                    if (existing != null) {
                        ids.add(existing);
                        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), service, "Running"));
                    }
                }
                case CREATE -> ids.add(create(spec, operation, desired.imageId()));
                case RECREATE -> {
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), service, "Recreate"));
                    stopAndRemove(spec, existing, operation.name());
                    ids.add(create(spec, operation, desired.imageId()));
                }
                case START -> {
                    start(spec, operation.name(), existing, isPaused(operation.name(), observed));
                    ids.add(existing);
                }
                case RESTART -> {
                    progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), service, "Restarting"));
                    call(() -> engine.containers().restart(existing, grace(spec)));
                    progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), service, "Restarted"));
                    ids.add(existing);
                }
                case REMOVE -> remove(operation, existing);
                default -> { }
            }
        }
        return ids;
    }

    /** Creates (and unless {@code create} only, starts) one container; {@code knownImageId} saves an inspect when not null. */
    private String create(ServiceSpec spec, Operation operation, String knownImageId) {
        String name = operation.name();
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec.name(), "Creating"));
        ConfigFingerprint fingerprint = DesiredStates.fingerprint(project, spec.name());
        String imageId = knownImageId != null ? knownImageId : imageId(spec);
        String fields = EngineJson.MAPPER.writeValueAsString(fingerprint.fields());
        String id;
        try {
            id = call(() -> engine.containers().create(name,
                    requests.create(spec, operation.number(), fingerprint, imageId, fields)).id());
            List<ServiceNetwork> networks = ContainerRequests.orderedNetworks(spec);
            if (spec.networkMode() == null) {
                for (ServiceNetwork network : networks.subList(Math.min(1, networks.size()), networks.size())) {
                    call(() -> engine.networks().connect(requests.networkName(network.network()), id,
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
        containersOfService.merge(spec.name(), List.of(name), PlanExecutor::concat);
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, spec.name(), "Created"));
        if (options.start()) {
            start(spec, name, id, false); // a container just created is not paused
        }
        return id;
    }

    /**
     * Starts the container, or unpauses it when it was paused: the state comes from the observation (or from
     * having just created it), which saves an inspect per container on the engine's critical path.
     */
    private void start(ServiceSpec spec, String name, String id, boolean paused) {
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec.name(), "Starting"));
        try {
            if (paused) {
                call(() -> engine.containers().unpause(id));
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
            call(() -> engine.containers().start(id));
        } catch (EngineApiException e) {
            String message = String.valueOf(e.engineMessage());
            if (!message.contains("paused container")) {
                throw e;
            }
            call(() -> engine.containers().unpause(id));
        }
    }

    private void stopAndRemove(ServiceSpec spec, String id, String name) {
        if (id == null) {
            return;
        }
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, spec == null ? null : spec.name(), "Stopping"));
        try {
            call(() -> engine.containers().stop(id, grace(spec)));
        } catch (EngineApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        call(() -> engine.containers().remove(id, true, false));
        containersOfService.computeIfPresent(spec == null ? "" : spec.name(),
                (key, names) -> names.stream().filter(n -> !n.equals(name)).toList());
    }

    private void remove(Operation operation, String id) {
        if (id == null) {
            return;
        }
        ServiceSpec spec = operation.service() == null ? null : project.services().get(operation.service());
        progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, operation.name(), operation.service(), "Removing"));
        try {
            call(() -> engine.containers().stop(id, grace(spec)));
        } catch (EngineApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        call(() -> engine.containers().remove(id, true, false));
        progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, operation.name(), operation.service(), "Removed"));
    }

    /**
     * {@code --wait} for one container, as docker compose's start.go: a one-shot others need with
     * service_completed_successfully must have exited 0; any other container must not have exited and,
     * when it has a health check (from the file or the image), must be healthy.
     */
    private void awaitReady(String service, ServiceSpec spec, String id, HealthWatcher health, boolean oneShot, Instant deadline) {
        String name = nameOf(id);
        if (oneShot) {
            ContainerInspect inspect = engine.containers().inspect(id);
            while (inspect.state() != null && (Boolean.TRUE.equals(inspect.state().running())
                    || Boolean.TRUE.equals(inspect.state().restarting()))) {
                if (!Instant.now().isBefore(deadline)) {
                    throw new ComposeException("application not healthy after " + Units.format(options.healthTimeout()));
                }
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, name, service, "Waiting"));
                sleepQuietly(Duration.ofMillis(500));
                inspect = engine.containers().inspect(id);
            }
            Integer exit = inspect.state() == null ? null : inspect.state().exitCode();
            if (exit == null || exit != 0) {
                throw new ComposeException("service \"" + service + "\" didn't complete successfully: exit " + exit);
            }
            progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, name, service, "Exited"));
            return;
        }
        ContainerInspect inspect = engine.containers().inspect(id);
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

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException("interrupted while waiting");
        }
    }

    private String imageId(ServiceSpec spec) {
        try {
            return engine.images().inspect(ContainerRequests.imageOf(project, spec)).id();
        } catch (EngineApiException e) {
            return null;
        }
    }

    private String lastLogLines(String id, int lines) {
        StringBuilder text = new StringBuilder();
        try (EngineStream<LogLine> logs = engine.containers().logs(id, LogsOptions.everything().withTail(lines))) {
            for (LogLine line : logs) {
                text.append("  ").append(line.text().stripTrailing()).append('\n');
            }
        } catch (RuntimeException e) {
            return "";
        }
        return text.toString().stripTrailing();
    }

    private String nameOf(String id) {
        try {
            String name = engine.containers().inspect(id).name();
            return name != null && name.startsWith("/") ? name.substring(1) : name;
        } catch (RuntimeException e) {
            return id.substring(0, Math.min(12, id.length()));
        }
    }

    private static Duration grace(ServiceSpec spec) {
        return spec != null && spec.stopGracePeriod() != null ? spec.stopGracePeriod() : DEFAULT_STOP_GRACE;
    }

    private static boolean isPaused(String name, ObservedState observed) {
        return observed.containers().stream().anyMatch(c -> c.name().equals(name) && "paused".equals(c.state()));
    }

    private static String idOf(String name, ObservedState observed) {
        return observed.containers().stream().filter(c -> c.name().equals(name)).map(ObservedContainer::id)
                .findFirst().orElse(null);
    }

    private <T> T call(java.util.function.Supplier<T> engineCall) {
        engineCalls.acquireUninterruptibly();
        try {
            return engineCall.get();
        } finally {
            engineCalls.release();
        }
    }

    private void call(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
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

    private static String messageOf(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? messageOf(error.getCause()) : error.getMessage();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(name -> !all.contains(name)).forEach(all::add);
        return all;
    }
}
