package dev.berth.app.gui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final StatsHistory history = new StatsHistory(Duration.ofMinutes(5));

    private static StatsSample sample(String name, long second, double cpu, long mem) {
        return new StatsSample(name, T0.plusSeconds(second), cpu, mem, 1_000, 0, 0, 0, 0);
    }

    @Test
    void keepsOnlyTheLastFiveMinutesOfEachContainer() {
        for (int s = 0; s <= 600; s++) {
            history.add(sample("web", s, s, 0));
        }

        assertThat(history.size("web")).isEqualTo(301);
        assertThat(history.series("web", StatsSample::cpuPercent).values()[0]).isEqualTo(300);
        assertThat(history.latest("web").orElseThrow().cpuPercent()).isEqualTo(600);
    }

    @Test
    void ignoresASampleOlderThanTheNewestOne() {
        history.add(sample("web", 10, 1, 0));
        history.add(sample("web", 5, 2, 0));

        assertThat(history.size("web")).isEqualTo(1);
    }

    @Test
    void sumsTheProjectPerSecondCountingEachContainerOnce() {
        history.add(sample("web", 0, 10, 100));
        history.add(new StatsSample("web", T0.plusMillis(600), 12, 120, 1_000, 0, 0, 0, 0)); // same second
        history.add(sample("db", 0, 5, 50));
        history.add(sample("web", 1, 20, 200));
        history.add(sample("db", 1, 5, 50));

        TimeSeries cpu = history.projectSeries(StatsSample::cpuPercent);

        assertThat(cpu.times()).containsExactly(T0.toEpochMilli(), T0.plusSeconds(1).toEpochMilli());
        assertThat(cpu.values()).containsExactly(17, 25);
    }

    @Test
    void carriesAContainersLastValueOverASkippedSecondSoTheSumDoesNotDip() {
        history.add(sample("web", 0, 10, 0));
        history.add(sample("web", 2, 10, 0));
        history.add(sample("db", 0, 5, 0));
        history.add(sample("db", 1, 5, 0));
        history.add(sample("db", 2, 5, 0));

        assertThat(history.projectSeries(StatsSample::cpuPercent).values()).containsExactly(15, 15, 15);
    }

    @Test
    void forgetsContainersThatWentSilentForTheWholeWindow() {
        history.add(sample("gone", 0, 1, 0));
        history.add(sample("web", 400, 1, 0));

        history.forgetSilentSince(T0.plusSeconds(400));

        assertThat(history.containers()).containsExactly("web");
    }
}
