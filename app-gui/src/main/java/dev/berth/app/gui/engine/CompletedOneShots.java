package dev.berth.app.gui.engine;

import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, per project, the containers that are one-shots which did their job: exited with code 0, of a
 * service another service of the project needs through {@code service_completed_successfully}. The sidebar
 * counts them as done rather than down. Pure: one listing of every project's containers in, counts out.
 */
final class CompletedOneShots {

    private static final String COMPLETED = "service_completed_successfully";

    private CompletedOneShots() {}

    static Map<String, Integer> count(List<ServiceContainer> containers) {
        Map<String, Set<String>> oneShots = new HashMap<>(); // project -> services needed to complete
        for (ServiceContainer container : containers) {
            for (ServiceContainer.DependsOn dependency : container.dependencies()) {
                if (dependency.condition().equals(COMPLETED)) {
                    oneShots.computeIfAbsent(container.project(), key -> new HashSet<>()).add(dependency.service());
                }
            }
        }
        Map<String, Integer> completed = new HashMap<>();
        for (ServiceContainer container : containers) {
            if (oneShots.getOrDefault(container.project(), Set.of()).contains(container.service())
                    && container.state() == ContainerState.EXITED && container.exitCode() == 0 && !container.oneOff()) {
                completed.merge(container.project(), 1, Integer::sum);
            }
        }
        return completed;
    }
}
