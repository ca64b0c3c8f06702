package dev.berth.engine.compose;

import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container of a project, as {@code ps} shows it.
 *
 * @param id        the engine id
 * @param name      the container name
 * @param service   the service it belongs to
 * @param number    its container number
 * @param image     the image it runs
 * @param command   its command
 * @param created   creation time (seconds since the epoch)
 * @param state     the engine state (running, exited, ...)
 * @param status    the engine's status text ("Up 3 minutes (healthy)")
 * @param ports     published ports in Compose's form ({@code 127.0.0.1:8080->80/tcp})
 * @param oneOff    created by {@code run}
 */
public record ServiceContainer(String id, String name, String service, int number, String image, String command,
                               long created, String state, String status, List<String> ports, boolean oneOff) {

    public ServiceContainer {
        ports = List.copyOf(ports);
    }

    static ServiceContainer of(ContainerSummary summary) {
        Map<String, String> labels = summary.labels() == null ? Map.of() : summary.labels();
        List<String> ports = new ArrayList<>();
        if (summary.ports() != null) {
            for (PortMapping port : summary.ports()) {
                if (port.publicPort() != null) {
                    ports.add((port.ip() == null || port.ip().isEmpty() ? "" : port.ip() + ":") + port.publicPort()
                            + "->" + port.privatePort() + "/" + port.type());
                } else {
                    ports.add(port.privatePort() + "/" + port.type());
                }
            }
        }
        int number;
        try {
            number = Integer.parseInt(labels.getOrDefault(ComposeLabels.CONTAINER_NUMBER, "0"));
        } catch (NumberFormatException e) {
            number = 0;
        }
        return new ServiceContainer(summary.id(), ObservedStates.nameOf(summary), labels.getOrDefault(ComposeLabels.SERVICE, ""),
                number, summary.image(), summary.command(), summary.created() == null ? 0 : summary.created(),
                summary.state(), summary.status(), ports,
                ComposeLabels.TRUE.equalsIgnoreCase(labels.getOrDefault(ComposeLabels.ONEOFF, ComposeLabels.FALSE)));
    }

    public boolean isRunning() {
        return "running".equals(state) || "restarting".equals(state);
    }
}
