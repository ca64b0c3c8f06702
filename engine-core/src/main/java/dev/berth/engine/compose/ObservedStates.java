package dev.berth.engine.compose;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.compose.plan.ObservedState;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads what the engine has for a project, by the Compose labels, whoever created it (Berth, Compose v2 or
 * docker-compose v1).
 */
public final class ObservedStates {

    private ObservedStates() {}

    /**
     * The project's containers (running or not), networks and volumes, plus the named external ones. The
     * listings are independent, so they are asked for at once: one engine round trip instead of three or more.
     */
    public static ObservedState read(EngineClient engine, String project, Collection<String> externalNetworks,
                                     Collection<String> externalVolumes) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<ServiceContainer>> containers = threads.submit(() -> serviceContainers(engine, project));
            Future<Set<String>> networks = threads.submit(() -> networks(engine, project, externalNetworks));
            Future<Set<String>> volumes = threads.submit(() -> volumes(engine, project, externalVolumes));
            String what = "reading the project's state";
            return new ObservedState(BackgroundResults.join(containers, what), BackgroundResults.join(networks, what),
                    BackgroundResults.join(volumes, what));
        }
    }

    private static Set<String> networks(EngineClient engine, String project, Collection<String> externalNetworks) {
        Set<String> networks = new HashSet<>();
        for (Network network : engine.networks().list(Filters.none().label(ComposeLabels.projectFilter(project)))) {
            networks.add(network.name());
        }
        if (!externalNetworks.isEmpty()) {
            for (Network network : engine.networks().list(Filters.none())) {
                if (externalNetworks.contains(network.name())) {
                    networks.add(network.name());
                }
            }
        }
        return networks;
    }

    private static Set<String> volumes(EngineClient engine, String project, Collection<String> externalVolumes) {
        Set<String> volumes = new HashSet<>();
        for (Volume volume : engine.volumes().list(Filters.none().label(ComposeLabels.projectFilter(project)))) {
            volumes.add(volume.name());
        }
        for (String external : externalVolumes) {
            if (exists(() -> engine.volumes().inspect(external))) {
                volumes.add(external);
            }
        }
        return volumes;
    }

    /** Every container of the project, including stopped and one-off ones. */
    public static List<ContainerSummary> containers(EngineClient engine, String project) {
        return engine.containers().list(ListOptions.allContainers()
                .withFilters(Filters.none().label(ComposeLabels.projectFilter(project))));
    }

    /** Every container of the project, typed. */
    public static List<ServiceContainer> serviceContainers(EngineClient engine, String project) {
        return containers(engine, project).stream().map(ServiceContainer::of).toList();
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
}
