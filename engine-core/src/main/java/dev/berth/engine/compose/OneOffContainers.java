package dev.berth.engine.compose;

import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.compose.plan.DesiredState;
import dev.berth.engine.compose.plan.ObservedState;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.plan.PlanOptions;
import dev.berth.engine.compose.plan.Planner;
import dev.berth.engine.compose.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The containers of {@code run}: one-off containers of a service ({@code com.docker.compose.oneoff=True}),
 * created with the service's configuration and the run's overrides, on the project's networks, after its
 * dependencies are up (unless {@code --no-deps}). Creating is all this does: the caller attaches before
 * starting, so no output is lost.
 */
final class OneOffContainers {

    private final ComposeEngine compose;
    private final EngineClient engine;

    OneOffContainers(ComposeEngine compose) {
        this.compose = compose;
        this.engine = compose.engine();
    }

    ComposeEngine.OneOff create(Project project, String serviceName, OneOffOptions options, ProgressListener progress) {
        ServiceSpec service = project.services().get(serviceName);
        if (service == null) {
            throw new ComposeException("no such service: " + serviceName);
        }
        Set<String> dependencies = new HashSet<>(ServiceGraph.of(project).withDependencies(Set.of(serviceName)));
        dependencies.remove(serviceName);
        if (!options.noDeps() && !dependencies.isEmpty()) {
            compose.up(project, UpOptions.defaults().withServices(dependencies), progress);
        }
        // Networks and volumes the service needs, and its image, as up would prepare them (nothing else).
        Map<String, String> imageIds = new ImagePreparer(engine, project, progress).prepare(List.of(serviceName), UpOptions.defaults());
        DesiredState desired = DesiredStates.of(project, Set.of(serviceName), imageIds);
        ObservedState observed = ObservedStates.read(engine, project.name(),
                project.networks().values().stream().filter(n -> n.external()).map(n -> n.name()).toList(),
                project.volumes().values().stream().filter(v -> v.external()).map(v -> v.name()).toList());
        Plan resources = Planner.plan(desired, observed, PlanOptions.defaults()).resourcesOnly();
        new PlanExecutor(engine, project, progress, UpOptions.defaults()).execute(resources);

        Map<String, List<String>> byService = new LinkedHashMap<>();
        for (ServiceContainer container : observed.containers()) {
            if (!container.oneOff()) {
                byService.computeIfAbsent(container.service(), key -> new ArrayList<>()).add(container.name());
            }
        }
        ContainerRequests requests = new ContainerRequests(project, key -> byService.getOrDefault(key, List.of()));
        String slug = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String name = options.name() != null ? options.name() : ResourceNames.oneOffContainerName(project.name(), serviceName, slug);
        ContainerCreateRequest base = requests.create(service, 1, DesiredStates.fingerprint(project, serviceName).hash(),
                imageIds.get(serviceName), null);
        ContainerCreateRequest request = withOverrides(base, options, slug);
        String id;
        try {
            id = engine.containers().create(name, request).id();
            List<ServiceNetwork> networks = ContainerRequests.orderedNetworks(service);
            if (service.networkMode() == null) {
                for (ServiceNetwork network : networks.subList(Math.min(1, networks.size()), networks.size())) {
                    engine.networks().connect(requests.networkName(network.network()), id, requests.endpoint(service, network, name));
                }
            }
        } catch (EngineApiException e) {
            throw new ComposeException("service " + serviceName + ": creating one-off container " + name + " failed: "
                    + e.engineMessage(), e);
        }
        return new ComposeEngine.OneOff(id, name, options.tty());
    }

    private static ContainerCreateRequest withOverrides(ContainerCreateRequest base, OneOffOptions options, String slug) {
        ContainerConfig config = base.config();
        Map<String, String> labels = new LinkedHashMap<>(config.labels());
        labels.put(ComposeLabels.ONEOFF, ComposeLabels.TRUE);
        labels.put(ComposeLabels.SLUG, slug);
        labels.remove(ComposeLabels.BERTH_CONFIG_FIELDS);
        List<String> env = new ArrayList<>(config.env() == null ? List.of() : config.env());
        options.environment().forEach((key, value) -> {
            env.removeIf(entry -> entry.equals(key) || entry.startsWith(key + "="));
            env.add(value == null ? key : key + "=" + value);
        });
        ContainerConfig.Builder changed = config.toBuilder()
                .labels(labels)
                .env(env)
                .tty(options.tty())
                .openStdin(options.stdin())
                .attachStdin(options.stdin())
                .stdinOnce(options.stdin());
        if (!options.command().isEmpty()) {
            changed.cmd(options.command());
        }
        if (options.entrypoint() != null) {
            changed.entrypoint(options.entrypoint());
        }
        if (options.user() != null) {
            changed.user(options.user());
        }
        if (options.workingDir() != null) {
            changed.workingDir(options.workingDir());
        }
        var host = base.hostConfig();
        if (host != null && !options.servicePorts()) {
            host = host.toBuilder().portBindings(null).restartPolicy(null).build();
        } else if (host != null) {
            host = host.toBuilder().restartPolicy(null).build();
        }
        return base.toBuilder().config(changed.build()).hostConfig(host).build();
    }
}
