package dev.berth.app.cli;

import dev.berth.engine.compose.ServiceContainer;
import java.util.List;
import java.util.Set;

/** Finds the container of a service that a command acts on ({@code exec}, {@code port}): by index, as Compose does. */
final class RunningContainers {

    private RunningContainers() {}

    static ServiceContainer find(CliSession session, String service, int index) {
        return find(session, service, index, false);
    }

    static ServiceContainer find(CliSession session, String service, int index, boolean includeStopped) {
        session.services(List.of(service));
        List<ServiceContainer> containers = session.compose().ps(session.projectName(), Set.of(service), includeStopped).stream()
                .filter(container -> !container.oneOff()).toList();
        if (containers.isEmpty()) {
            throw new CliException("service \"" + service + "\" is not running");
        }
        return containers.stream().filter(container -> container.number() == index).findFirst()
                .orElseThrow(() -> new CliException("service \"" + service + "\" has no container with index " + index
                        + " (it has " + containers.size() + ")"));
    }
}
