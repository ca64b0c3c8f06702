package dev.berth.engine.compose.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine has for a project, read through the {@code com.docker.compose.*} labels.
 *
 * @param containers the project's containers (one-off containers included; the planner skips them)
 * @param networks   the engine names of networks that exist (project ones and externals looked up)
 * @param volumes    the engine names of volumes that exist
 */
public record ObservedState(List<ObservedContainer> containers, Set<String> networks, Set<String> volumes) {

    public ObservedState {
        containers = List.copyOf(containers);
        networks = Set.copyOf(networks);
        volumes = Set.copyOf(volumes);
    }

    public static ObservedState empty() {
        return new ObservedState(List.of(), Set.of(), Set.of());
    }

    /**
     * One container.
     *
     * @param id           the engine id
     * @param name         the container name (without the leading slash)
     * @param service      from {@code com.docker.compose.service}
     * @param number       from {@code com.docker.compose.container-number}
     * @param state        the engine state: created, running, paused, restarting, exited, dead
     * @param configHash   from {@code com.docker.compose.config-hash}, may be empty
     * @param imageId      the id of the image it runs
     * @param oneOff       from {@code com.docker.compose.oneoff}
     * @param configFields the flattened configuration Berth recorded when it created the container, or
     *                     empty (containers created by other tools): then diffs name no fields
     */
    public record ObservedContainer(
            String id,
            String name,
            String service,
            int number,
            String state,
            String configHash,
            String imageId,
            boolean oneOff,
            Map<String, String> configFields) {

        public ObservedContainer {
            configFields = Map.copyOf(configFields);
        }

        public boolean isRunning() {
            return "running".equals(state) || "restarting".equals(state);
        }
    }
}
