package dev.berth.engine.compose.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the project wants, reduced to what planning needs. Built from a loaded compose project; services
 * are listed in start order (dependencies first).
 *
 * @param project       the project name
 * @param services      the services to converge, dependencies first
 * @param networks      the project's networks
 * @param volumes       the project's named volumes
 * @param knownServices every service the project defines, including ones disabled by profiles or not
 *                      selected: their containers are not orphans
 */
public record DesiredState(
        String project,
        List<DesiredService> services,
        List<DesiredResource> networks,
        List<DesiredResource> volumes,
        Set<String> knownServices) {

    public DesiredState {
        services = List.copyOf(services);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        knownServices = Set.copyOf(knownServices);
    }

    /**
     * One service.
     *
     * @param name                  the service name
     * @param replicas              how many containers it wants
     * @param configHash            the hash of its configuration (see {@code ConfigFingerprint})
     * @param configFields          the flattened configuration the hash was computed from, for diffs
     * @param imageId               the id of the image it would run now, or null when not known yet
     *                              (to be pulled or built)
     * @param containerName         an explicit {@code container_name}, or null
     * @param sharedWith            services whose namespaces or volumes this one uses
     *                              ({@code network_mode: service:x}, {@code volumes_from}, ...): recreated
     *                              with them
     * @param restartWith           services listed in {@code depends_on} with {@code restart: true}
     * @param dependencies          what it waits for before it starts, every edge of the service graph
     */
    public record DesiredService(
            String name,
            int replicas,
            String configHash,
            Map<String, String> configFields,
            String imageId,
            String containerName,
            Set<String> sharedWith,
            Set<String> restartWith,
            List<DependencyEdge> dependencies) {

        public DesiredService {
            configFields = Map.copyOf(configFields);
            sharedWith = Set.copyOf(sharedWith);
            restartWith = Set.copyOf(restartWith);
            dependencies = List.copyOf(dependencies);
        }

        /** A service that waits for nothing. */
        public DesiredService(String name, int replicas, String configHash, Map<String, String> configFields, String imageId,
                              String containerName, Set<String> sharedWith, Set<String> restartWith) {
            this(name, replicas, configHash, configFields, imageId, containerName, sharedWith, restartWith, List.of());
        }
    }

    /** A network or volume: its engine name and whether it is external (must exist, never created). */
    public record DesiredResource(String key, String name, boolean external) {}
}
