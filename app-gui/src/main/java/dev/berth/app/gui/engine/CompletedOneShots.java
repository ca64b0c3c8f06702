package dev.berth.app.gui.engine;

import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.compose.ComposeLabels;
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

    private CompletedOneShots() {}

    static Map<String, Integer> count(List<ContainerSummary> containers) {
        Map<String, Set<String>> oneShots = new HashMap<>(); // project -> services needed to complete
        for (ContainerSummary container : containers) {
            String project = label(container, ComposeLabels.PROJECT);
            for (String dependency : label(container, ComposeLabels.DEPENDS_ON).split(",")) {
                String[] parts = dependency.split(":");
                if (parts.length > 1 && parts[1].equals("service_completed_successfully")) {
                    oneShots.computeIfAbsent(project, key -> new HashSet<>()).add(parts[0]);
                }
            }
        }
        Map<String, Integer> completed = new HashMap<>();
        for (ContainerSummary container : containers) {
            String project = label(container, ComposeLabels.PROJECT);
            if (oneShots.getOrDefault(project, Set.of()).contains(label(container, ComposeLabels.SERVICE))
                    && "exited".equals(container.state()) && ServiceStates.exitCode(container.status() == null ? "" : container.status()) == 0
                    && !ComposeLabels.TRUE.equalsIgnoreCase(label(container, ComposeLabels.ONEOFF))) {
                completed.merge(project, 1, Integer::sum);
            }
        }
        return completed;
    }

    private static String label(ContainerSummary container, String key) {
        return container.labels() == null ? "" : container.labels().getOrDefault(key, "");
    }
}
