package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.engine.api.model.BlkioEntry;
import dev.berth.engine.api.model.BlkioStats;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.CpuStats;
import dev.berth.engine.api.model.CpuUsage;
import dev.berth.engine.api.model.MemoryStats;
import dev.berth.engine.api.model.NetworkStats;
import dev.berth.engine.api.model.PidsStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {

    static CpuStats cpu(long total, long system, Integer online, List<Long> perCpu) {
        return new CpuStats(new CpuUsage(total, perCpu, null, null), system, online);
    }

    @Test
    void computesCpuPercentFromContainerAndSystemDeltasTimesOnlineCpus() {
        // 0.5 s of container CPU over 4 s of system time (2 CPUs x 2 s) = 25 % of the machine = 50 % of one CPU x 2
        double percent = StatsCalculator.cpuPercent(cpu(1_500_000_000L, 10_000_000_000L, 2, null), cpu(1_000_000_000L, 6_000_000_000L, 2, null));
        assertThat(percent).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void fallsBackToThePerCpuListWhenOnlineCpusIsMissing() {
        double percent = StatsCalculator.cpuPercent(cpu(300, 1000, null, List.of(1L, 2L, 3L, 4L)), cpu(100, 600, null, null));
        assertThat(percent).isCloseTo(200.0 / 400 * 4 * 100, within(1e-9));
    }

    @Test
    void isZeroWithoutAPreviousSampleOrWhenCountersDidNotAdvance() {
        assertThat(StatsCalculator.cpuPercent(cpu(500, 1000, 2, null), cpu(500, 900, 2, null))).isZero();
        assertThat(StatsCalculator.cpuPercent(cpu(600, 1000, 2, null), cpu(500, 1000, 2, null))).isZero();
        assertThat(StatsCalculator.cpuPercent(cpu(600, 1000, 2, null), null)).isZero();
    }

    @Test
    void subtractsInactiveFilePageCacheFromMemoryOnCgroupV2() {
        assertThat(StatsCalculator.memoryUsage(new MemoryStats(1000L, null, 4000L, Map.of("inactive_file", 300L)))).isEqualTo(700);
    }

    @Test
    void prefersTotalInactiveFileOnCgroupV1() {
        assertThat(StatsCalculator.memoryUsage(new MemoryStats(1000L, null, 4000L, Map.of("total_inactive_file", 100L, "inactive_file", 300L))))
                .isEqualTo(900);
    }

    @Test
    void keepsRawUsageWhenTheCacheFigureIsImplausible() {
        assertThat(StatsCalculator.memoryUsage(new MemoryStats(1000L, null, 4000L, Map.of("inactive_file", 5000L)))).isEqualTo(1000);
    }

    @Test
    void summarizesMemoryPercentNetworkBlockIoAndPids() {
        ContainerStats stats = new ContainerStats(null, null, "/web", "id",
                cpu(2000, 20000, 1, null), cpu(1000, 10000, 1, null),
                new MemoryStats(2048L, null, 8192L, Map.of("inactive_file", 0L)),
                Map.of("eth0", new NetworkStats(100L, 200L, null, null), "eth1", new NetworkStats(1L, 2L, null, null)),
                new BlkioStats(List.of(new BlkioEntry(8L, 0L, "Read", 10L), new BlkioEntry(8L, 0L, "Write", 20L),
                        new BlkioEntry(8L, 0L, "read", 5L), new BlkioEntry(8L, 0L, "Sync", 99L))),
                new PidsStats(7L, null));
        StatsCalculator.StatsSummary summary = StatsCalculator.summarize(stats);
        assertThat(summary.cpuPercent()).isCloseTo(10.0, within(1e-9));
        assertThat(summary.memoryPercent()).isCloseTo(25.0, within(1e-9));
        assertThat(summary.networkRx()).isEqualTo(101);
        assertThat(summary.networkTx()).isEqualTo(202);
        assertThat(summary.blockRead()).isEqualTo(15);
        assertThat(summary.blockWrite()).isEqualTo(20);
        assertThat(summary.pids()).isEqualTo(7);
    }

    @Test
    void readsTheEnginesSnakeCaseJson() {
        String json = """
                {"read":"2026-11-23T09:00:01Z","id":"abc","cpu_stats":{"cpu_usage":{"total_usage":300},"system_cpu_usage":2000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000,"online_cpus":2},
                 "memory_stats":{"usage":100,"limit":1000,"stats":{"inactive_file":10}},
                 "networks":{"eth0":{"rx_bytes":5,"tx_bytes":6}},"pids_stats":{"current":3}}""";
        ContainerStats stats = EngineJson.MAPPER.readValue(json, ContainerStats.class);
        assertThat(StatsCalculator.summarize(stats)).isEqualTo(new StatsCalculator.StatsSummary(40.0, 90, 1000, 9.0, 5, 6, 0, 0, 3));
    }
}
