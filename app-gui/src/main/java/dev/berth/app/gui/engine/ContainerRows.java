package dev.berth.app.gui.engine;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.PublishedPort;
import dev.berth.engine.api.model.PortMapping;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A project's container as a row of the containers table (usage columns are filled later by the stats streams). Pure. */
public final class ContainerRows {

    private ContainerRows() {}

    public static ContainerRow of(ServiceContainer container, Instant startedAt) {
        return of(container, new ContainerDetails(startedAt, 0, 0, false, ""));
    }

    /** @param details what inspect said (start time, restarts, last exit, OOM kill) */
    public static ContainerRow of(ServiceContainer container, ContainerDetails details) {
        List<PublishedPort> ports = new ArrayList<>();
        for (PortMapping port : container.ports()) {
            // the engine lists an IPv6 twin ("::") of every IPv4 binding: one row per port is enough
            if (port.publicPort() != null && port.publicPort() > 0 && !"::".equals(port.ip())) {
                ports.add(new PublishedPort(port.ip(), port.publicPort(), port.privatePort() == null ? 0 : port.privatePort(), port.type()));
            }
        }
        boolean running = container.state() == ContainerState.RUNNING;
        return new ContainerRow(container.id(), container.name(), container.service(), container.state(), container.health(),
                container.image(), ports, running ? details.startedAt() : null, 0, 0, 0)
                .withDetails(details.restartCount(), details.exitCode(), details.oomKilled());
    }
}
