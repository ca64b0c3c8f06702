package dev.berth.app.gui.engine;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.PortBinding;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.PortMapping;
import dev.berth.engine.compose.ComposeLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A listed container as a row of the containers table (usage columns are filled later by the stats streams). Pure. */
public final class ContainerRows {

    private ContainerRows() {}

    public static ContainerRow of(ContainerSummary container, Instant startedAt) {
        return of(container, new ContainerDetails(startedAt, 0, 0, false, ""));
    }

    /** @param details what inspect said (start time, restarts, last exit, OOM kill) */
    public static ContainerRow of(ContainerSummary container, ContainerDetails details) {
        Map<String, String> labels = container.labels() == null ? Map.of() : container.labels();
        List<PortBinding> ports = new ArrayList<>();
        if (container.ports() != null) {
            for (PortMapping port : container.ports()) {
                if (port.publicPort() != null && port.publicPort() > 0 && !"::".equals(port.ip())) {
                    ports.add(new PortBinding(port.ip(), port.publicPort(), port.privatePort() == null ? 0 : port.privatePort(), port.type()));
                }
            }
        }
        String health = "";
        String status = container.status() == null ? "" : container.status();
        if (status.contains("(healthy)")) {
            health = "healthy";
        } else if (status.contains("(unhealthy)")) {
            health = "unhealthy";
        } else if (status.contains("health: starting")) {
            health = "starting";
        }
        boolean running = "running".equals(container.state());
        return new ContainerRow(container.id(), nameOf(container), labels.getOrDefault(ComposeLabels.SERVICE, ""), container.state(),
                health, container.image(), ports, running ? details.startedAt() : null, 0, 0, 0)
                .withDetails(details.restartCount(), details.exitCode(), details.oomKilled());
    }

    public static String nameOf(ContainerSummary container) {
        if (container.names() == null || container.names().isEmpty()) {
            return container.id().substring(0, Math.min(12, container.id().length()));
        }
        String name = container.names().getFirst();
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
