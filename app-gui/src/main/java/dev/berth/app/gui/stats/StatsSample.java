package dev.berth.app.gui.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a container's resource use, as the engine's stats stream gives it once a second: CPU in
 * percent of one core (can exceed 100 on several cores), memory in bytes, network and block I/O as
 * cumulative byte counters.
 */
public record StatsSample(String containerName, Instant time, double cpuPercent, long memUsage, long memLimit,
                          long netRx, long netTx, long blockRead, long blockWrite) {

    public StatsSample {
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(time, "time");
    }
}
