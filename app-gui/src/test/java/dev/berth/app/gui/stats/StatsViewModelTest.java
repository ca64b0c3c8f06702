package dev.berth.app.gui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.ManualUiScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final ManualUiScheduler ui = new ManualUiScheduler();
    private final StatsViewModel stats = new StatsViewModel(ui, Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));

    private static StatsSample sample(String name, long second, double cpu) {
        return new StatsSample(name, T0.plusSeconds(second), cpu, (long) (cpu * 1_000_000), 512_000_000, second * 10, second * 5, 0, 0);
    }

    @Test
    void createsOneRowPerContainerOnceAndReusesIt() {
        stats.accept(sample("web", 0, 1));
        ui.pulse();
        ContainerStatsRow web = stats.rows().getFirst();

        stats.accept(sample("web", 1, 2));
        stats.accept(sample("db", 1, 3));
        ui.pulse();

        assertThat(stats.rows()).hasSize(2);
        assertThat(stats.rows().getFirst()).isSameAs(web);
        assertThat(web.latestProperty().get().cpuPercent()).isEqualTo(2);
        assertThat(web.cpuProperty().get().values()).containsExactly(1, 2);
    }

    @Test
    void refreshesOnlyTheRowsOfContainersThatReported() {
        stats.accept(sample("web", 0, 1));
        stats.accept(sample("db", 0, 1));
        ui.pulse();
        List<String> changed = new ArrayList<>();
        stats.rows().forEach(row -> row.cpuProperty().addListener((obs, old, now) -> changed.add(row.name())));

        stats.accept(sample("db", 1, 4));
        ui.pulse();

        assertThat(changed).containsExactly("db");
        assertThat(stats.projectCpuProperty().get().last()).isEqualTo(5);
    }

    @Test
    void handlesFiftyContainersAtOneHertzForFiveMinutesInOnePulseEach() {
        // CPU time of this thread, not wall time: on the shared build machine other processes' load
        // would otherwise decide the result.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long longestCpu = 0;
        long totalWall = 0;
        for (int second = 0; second < 300; second++) {
            for (int c = 0; c < 50; c++) {
                stats.accept(sample("svc-" + c, second, c % 7 + second % 3));
            }
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            ui.pulse();
            long tookCpu = threads.getCurrentThreadCpuTime() - cpu;
            totalWall += System.nanoTime() - wall;
            if (second >= 10) { // the first seconds include class loading and the JIT's first compiles
                longestCpu = Math.max(longestCpu, tookCpu);
            }
        }

        assertThat(stats.rows()).hasSize(50);
        assertThat(stats.rows().getFirst().cpuProperty().get().size()).isEqualTo(300);
        assertThat(stats.projectCpuProperty().get().size()).isEqualTo(300);
        System.out.printf("STATS: 50 containers x 300 s at 1 Hz: per-pulse update mean %.2f ms wall, longest %.2f ms CPU after warm-up%n",
                totalWall / 300 / 1e6, longestCpu / 1e6);
        assertThat(longestCpu / 1e6).as("longest per-pulse update, CPU ms").isLessThan(16);
    }

    @Test
    void removingAContainerDropsItsRowAndHistory() {
        stats.accept(sample("web", 0, 1));
        ui.pulse();

        stats.removeContainer("web");

        assertThat(stats.rows()).isEmpty();
        assertThat(stats.history().containers()).isEmpty();
    }

    /** Issue 12, defect 13: a stopped container no longer shows its last memory figure (its chart stays). */
    @Test
    void aStoppedContainerDropsItsLastFiguresAndKeepsItsChart() {
        stats.accept(sample("web", 0, 1));
        stats.accept(sample("web", 1, 2));
        stats.stopped("web");
        ui.pulse();
        ContainerStatsRow web = stats.rows().getFirst();
        assertThat(web.latestProperty().get()).isNull();
        assertThat(web.memoryProperty().get().values()).hasSize(2);

        stats.accept(sample("web", 5, 3)); // started again
        ui.pulse();
        assertThat(web.latestProperty().get().cpuPercent()).isEqualTo(3);
    }
}
