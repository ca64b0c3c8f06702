package dev.berth.engine.compose;

import dev.berth.compose.model.Dependency;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code up --wait} waits for, per service, as docker compose decides it
 * ({@code pkg/compose/start.go} getDependencyCondition): a service another service needs with
 * {@code service_completed_successfully} is done once it has exited 0 (it is a one-shot: waiting for
 * it to run would never end); every other service must be running, or healthy when it has a health check.
 */
final class WaitConditions {

    private WaitConditions() {}

    /** Services some service of the project depends on with {@code service_completed_successfully}. */
    static Set<String> awaitedToComplete(Project project) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceSpec service : project.services().values()) {
            for (Dependency dependency : service.dependsOn().values()) {
                if (Dependency.COMPLETED.equals(dependency.condition())) {
                    out.add(dependency.service());
                }
            }
        }
        return out;
    }
}
