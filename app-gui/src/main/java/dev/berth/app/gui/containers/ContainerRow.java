package dev.berth.app.gui.containers;

import dev.berth.engine.compose.ContainerHealth;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.LastExit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One container as the table shows it; the engine layer fills it from the project's typed containers (and stats).
 * {@code health} is {@link ContainerHealth#NONE} when the container has no health check; {@code startedAt} is
 * null when it is not running.
 */
public record ContainerRow(String id, String name, String service, ContainerState state, ContainerHealth health, String image,
                           List<PublishedPort> ports, Instant startedAt, double cpuPercent, long memoryUsage, long memoryLimit,
                           int restartCount, int exitCode, boolean oomKilled) {

    /** A row without restart details (nothing inspected yet). */
    public ContainerRow(String id, String name, String service, ContainerState state, ContainerHealth health, String image,
                        List<PublishedPort> ports, Instant startedAt, double cpuPercent, long memoryUsage, long memoryLimit) {
        this(id, name, service, state, health, image, ports, startedAt, cpuPercent, memoryUsage, memoryLimit, 0, 0, false);
    }

    public ContainerRow {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        service = service == null ? "" : service;
        state = state == null ? ContainerState.UNKNOWN : state;
        health = health == null ? ContainerHealth.NONE : health;
        image = image == null ? "" : image;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** "running (healthy)", "exited". */
    public String stateAndHealth() {
        return health == ContainerHealth.NONE ? state.engineName() : state.engineName() + " (" + health.composeName() + ")";
    }

    /** Which colour the state reads in, the badge's CSS pseudo-class: good, busy, bad or idle. */
    public String tone() {
        if (health == ContainerHealth.UNHEALTHY || state == ContainerState.DEAD) {
            return "bad";
        }
        return switch (state) {
            case RUNNING -> health == ContainerHealth.STARTING ? "busy" : "good";
            case RESTARTING, CREATED -> "busy";
            default -> "idle";
        };
    }

    public ContainerRow withUsage(double cpu, long memory, long limit) {
        return new ContainerRow(id, name, service, state, health, image, ports, startedAt, cpu, memory, limit,
                restartCount, exitCode, oomKilled);
    }

    /** The same row with what inspect says about restarts and the last exit. */
    public ContainerRow withDetails(int restarts, int lastExit, boolean oom) {
        return new ContainerRow(id, name, service, state, health, image, ports, startedAt, cpuPercent, memoryUsage, memoryLimit,
                restarts, lastExit, oom);
    }

    /**
     * For the table's "Restarts" column and tooltip: "12× · OOM killed", "12× · last exit 3", or "" when there is nothing to say.
     */
    public String restartsText() {
        return new LastExit(restartCount, exitCode, oomKilled).restartsColumn();
    }
}
