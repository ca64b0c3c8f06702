package dev.berth.engine.compose.plan;

import dev.berth.engine.compose.ServiceContainer;
import java.util.List;
import java.util.Set;

/**
 * What the engine has for a project, read through the {@code com.docker.compose.*} labels.
 *
 * @param containers the project's containers (one-off containers included; the planner skips them)
 * @param networks   the engine names of networks that exist (project ones and externals looked up)
 * @param volumes    the engine names of volumes that exist
 */
public record ObservedState(List<ServiceContainer> containers, Set<String> networks, Set<String> volumes) {

    public ObservedState {
        containers = List.copyOf(containers);
        networks = Set.copyOf(networks);
        volumes = Set.copyOf(volumes);
    }

    public static ObservedState empty() {
        return new ObservedState(List.of(), Set.of(), Set.of());
    }
}
