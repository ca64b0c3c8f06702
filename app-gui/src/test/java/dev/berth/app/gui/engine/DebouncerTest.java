package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The refresh throttle (fault 6): a quiet engine's first event is shown at once, a storm costs a bounded number of runs. */
class DebouncerTest {

    private final ManualTasks tasks = new ManualTasks();
    private final AtomicInteger runs = new AtomicInteger();
    private final Debouncer debouncer = new Debouncer(tasks, "refresh", Duration.ofMillis(80), Duration.ofMillis(400), runs::incrementAndGet);

    @Test
    void theFirstTriggerAfterAQuietSpellRunsAfterTheDelay() {
        debouncer.trigger();
        tasks.advance(Duration.ofMillis(79));
        assertThat(runs).hasValue(0);
        tasks.advance(Duration.ofMillis(1));
        assertThat(runs).hasValue(1);
        tasks.advance(Duration.ofSeconds(5));
        assertThat(runs).as("nothing more without a trigger").hasValue(1);

        debouncer.trigger();
        tasks.advance(Duration.ofMillis(80));
        assertThat(runs).as("quiet again: the delay only").hasValue(2);
    }

    @Test
    void aStormOfTriggersEvery10MsForAMinuteRunsAtMostOncePerDelayPlusInterval() {
        for (int ms = 0; ms < 60_000; ms += 10) {
            debouncer.trigger();
            tasks.advance(Duration.ofMillis(10));
        }
        // 6,000 triggers: one run per 400 ms cool-down (the task takes no time here)
        assertThat(runs.get()).isBetween(140, 151);
        int during = runs.get();
        tasks.advance(Duration.ofSeconds(1));
        assertThat(runs.get()).as("the last trigger is never lost").isEqualTo(during + 1);
        tasks.advance(Duration.ofSeconds(5));
        assertThat(runs.get()).isEqualTo(during + 1);
    }

    @Test
    void aTriggerDuringARunIsFollowedByOneMoreRun() {
        Debouncer[] plain = new Debouncer[1];
        plain[0] = new Debouncer(tasks, "plain", Duration.ofMillis(80), () -> {
            if (runs.incrementAndGet() == 1) {
                plain[0].trigger(); // the engine changed again while we listed
                plain[0].trigger();
            }
        });
        plain[0].trigger();
        plain[0].trigger();
        tasks.advance(Duration.ofMillis(80));
        assertThat(runs).hasValue(1);
        tasks.advance(Duration.ofMillis(80));
        assertThat(runs).hasValue(2);
        tasks.advance(Duration.ofSeconds(1));
        assertThat(runs).hasValue(2);
    }
}
