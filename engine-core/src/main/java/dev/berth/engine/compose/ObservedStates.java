package dev.berth.engine.compose;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.compose.plan.ObservedState;
import dev.berth.engine.compose.plan.ObservedState.ObservedContainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.core.type.TypeReference;

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
            Future<List<ObservedContainer>> containers = threads.submit(() ->
                    containers(engine, project).stream().map(ObservedStates::toObserved).toList());
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

    /** The container's name without the engine's leading slash. */
    public static String nameOf(ContainerSummary container) {
        if (container.names() == null || container.names().isEmpty()) {
            return container.id().substring(0, Math.min(12, container.id().length()));
        }
        String name = container.names().getFirst();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    static ObservedContainer toObserved(ContainerSummary container) {
        Map<String, String> labels = container.labels() == null ? Map.of() : container.labels();
        return new ObservedContainer(
                container.id(),
                nameOf(container),
                labels.getOrDefault(ComposeLabels.SERVICE, ""),
                parseNumber(labels.get(ComposeLabels.CONTAINER_NUMBER)),
                container.state() == null ? "unknown" : container.state(),
                labels.getOrDefault(ComposeLabels.CONFIG_HASH, ""),
                container.imageId(),
                ComposeLabels.TRUE.equalsIgnoreCase(labels.getOrDefault(ComposeLabels.ONEOFF, ComposeLabels.FALSE)),
                configFields(labels.get(ContainerRequests.CONFIG_FIELDS_LABEL)));
    }

    private static int parseNumber(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> configFields(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return EngineJson.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (RuntimeException e) {
            return Map.of(); // written by something else, or damaged: fall back to "configuration changed"
        }
    }

    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (dev.berth.engine.api.EngineApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** The distinct service names among containers. */
    static List<String> servicesOf(List<ObservedContainer> containers) {
        List<String> services = new ArrayList<>();
        containers.forEach(c -> {
            if (!services.contains(c.service())) {
                services.add(c.service());
            }
        });
        return services;
    }
}
