package dev.berth.engine.api;

import dev.berth.engine.api.model.BlkioEntry;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.CpuStats;
import dev.berth.engine.api.model.MemoryStats;
import dev.berth.engine.api.model.NetworkStats;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers {@code docker stats} shows, computed the way the docker CLI computes them
 * (cli/command/container/stats_helpers.go), so Berth and the CLI agree.
 */
public final class StatsCalculator {

    /** A sample as the user sees it. Percentages are 0–100 per CPU (200 % = two CPUs busy). */
    public record StatsSummary(double cpuPercent, long memoryUsage, long memoryLimit, double memoryPercent,
                               long networkRx, long networkTx, long blockRead, long blockWrite, long pids) {}

    private StatsCalculator() {}

    public static StatsSummary summarize(ContainerStats stats) {
        long memory = memoryUsage(stats.memoryStats());
        long limit = stats.memoryStats() == null || stats.memoryStats().limit() == null ? 0 : stats.memoryStats().limit();
        long rx = 0;
        long tx = 0;
        if (stats.networks() != null) {
            for (NetworkStats network : stats.networks().values()) {
                rx += orZero(network.rxBytes());
                tx += orZero(network.txBytes());
            }
        }
        long read = 0;
        long write = 0;
        if (stats.blkioStats() != null && stats.blkioStats().ioServiceBytesRecursive() != null) {
            for (BlkioEntry entry : stats.blkioStats().ioServiceBytesRecursive()) {
                String op = entry.op() == null ? "" : entry.op().toLowerCase(Locale.ROOT);
                if (op.equals("read")) {
                    read += orZero(entry.value());
                } else if (op.equals("write")) {
                    write += orZero(entry.value());
                }
            }
        }
        long pids = stats.pidsStats() == null ? 0 : orZero(stats.pidsStats().current());
        return new StatsSummary(cpuPercent(stats.cpuStats(), stats.precpuStats()), memory, limit,
                limit == 0 ? 0 : memory * 100.0 / limit, rx, tx, read, write, pids);
    }

    /**
     * CPU % = container CPU time delta / whole-system CPU time delta × online CPUs × 100, zero unless both
     * deltas are positive (the first sample of a stream has no previous reading).
     */
    public static double cpuPercent(CpuStats current, CpuStats previous) {
        if (current == null || previous == null || current.cpuUsage() == null) {
            return 0;
        }
        double cpuDelta = orZero(current.cpuUsage().totalUsage())
                - (previous.cpuUsage() == null ? 0 : orZero(previous.cpuUsage().totalUsage()));
        double systemDelta = orZero(current.systemCpuUsage()) - orZero(previous.systemCpuUsage());
        double cpus = current.onlineCpus() == null ? 0 : current.onlineCpus();
        if (cpus == 0 && current.cpuUsage().percpuUsage() != null) {
            cpus = current.cpuUsage().percpuUsage().size();
        }
        if (systemDelta > 0 && cpuDelta > 0) {
            return cpuDelta / systemDelta * cpus * 100.0;
        }
        return 0;
    }

    /** Usage minus the page cache the kernel can drop: {@code total_inactive_file} (cgroup v1) or {@code inactive_file} (v2). */
    public static long memoryUsage(MemoryStats memory) {
        if (memory == null || memory.usage() == null) {
            return 0;
        }
        long usage = memory.usage();
        Map<String, Long> stats = memory.stats() == null ? Map.of() : memory.stats();
        Long v1 = stats.get("total_inactive_file");
        if (v1 != null && v1 < usage) {
            return usage - v1;
        }
        Long v2 = stats.get("inactive_file");
        if (v2 != null && v2 < usage) {
            return usage - v2;
        }
        return usage;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
