package dev.berth.app.gui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PulseBatcherTest {

    private final ManualUiScheduler scheduler = new ManualUiScheduler();
    private final List<PulseBatcher.Batch<Integer>> batches = new ArrayList<>();

    @Test
    void asksForOnePulseHoweverManyItemsArriveBeforeIt() {
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 1_000, 100, Duration.ofMillis(8), batches::add);

        IntStream.range(0, 250).forEach(batcher::offer);

        assertThat(scheduler.waitingTasks()).isEqualTo(1);
        assertThat(batches).isEmpty();
        scheduler.pulse();
        assertThat(batches).hasSize(3);
        assertThat(batches.stream().flatMap(b -> b.items().stream()).toList()).containsExactlyElementsOf(range(0, 250));
        assertThat(batcher.drains()).isEqualTo(1);
        assertThat(scheduler.waitingTasks()).isZero();
    }

    @Test
    void dropsTheOldestItemsWhenTheQueueIsFullAndReportsHowMany() {
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 10, 100, Duration.ofMillis(8), batches::add);

        IntStream.range(0, 25).forEach(batcher::offer);
        scheduler.pulse();

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().items()).containsExactlyElementsOf(range(15, 25));
        assertThat(batches.getFirst().droppedBefore()).isEqualTo(15);
        assertThat(batcher.droppedTotal()).isEqualTo(15);
    }

    /** Huge items: the weight bound drops the oldest however few they are; one item heavier than the bound still goes through. */
    @Test
    void dropsTheOldestItemsWhenTheQueuedWeightIsTooMuch() {
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 1_000, 10_000, size -> size, 100, Duration.ofMillis(8), batches::add,
                System::nanoTime);

        IntStream.range(0, 25).map(i -> 1_000).forEach(batcher::offer);
        assertThat(batcher.pendingWeight()).isEqualTo(10_000);
        batcher.offer(50_000);
        assertThat(batcher.pending()).isEqualTo(1);
        scheduler.pulse();

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().items()).containsExactly(50_000);
        assertThat(batches.getFirst().droppedBefore()).isEqualTo(25);
        assertThat(batcher.pendingWeight()).isZero();
    }

    @Test
    void leavesTheRestForTheNextPulseWhenTheBudgetIsSpent() {
        AtomicLong clock = new AtomicLong();
        // Each chunk "costs" 5 ms of the 8 ms budget: two chunks per pulse.
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 1_000, 10, Duration.ofMillis(8), batch -> {
            batches.add(batch);
            clock.addAndGet(Duration.ofMillis(5).toNanos());
        }, clock::get);

        IntStream.range(0, 50).forEach(batcher::offer);
        scheduler.pulse();
        assertThat(batches).hasSize(2);
        assertThat(batcher.pending()).isEqualTo(30);
        assertThat(scheduler.waitingTasks()).isEqualTo(1);

        scheduler.pulse();
        scheduler.pulse();
        assertThat(batches).hasSize(5);
        assertThat(batcher.pending()).isZero();
        assertThat(scheduler.waitingTasks()).isZero();
        assertThat(batcher.longestDrain()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void schedulesAgainAfterADrainEmptiedTheQueue() {
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 100, 100, Duration.ofMillis(8), batches::add);

        batcher.offer(1);
        scheduler.pulse();
        batcher.offer(2);

        assertThat(scheduler.waitingTasks()).isEqualTo(1);
        scheduler.pulse();
        assertThat(batches).extracting(PulseBatcher.Batch::items).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void losesNothingWhenManyThreadsOfferWhileTheUiDrains() throws InterruptedException {
        List<Integer> received = new ArrayList<>();
        PulseBatcher<Integer> batcher = new PulseBatcher<>(scheduler, 1_000_000, 500, Duration.ofMillis(8),
                batch -> received.addAll(batch.items()));
        int producers = 8;
        int perProducer = 20_000;
        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    batcher.offer(base + i);
                }
                done.countDown();
            });
        }
        while (done.getCount() > 0) {
            scheduler.pulse();
        }
        while (batcher.pending() > 0 || scheduler.waitingTasks() > 0) {
            scheduler.pulse();
        }

        assertThat(received).hasSize(producers * perProducer).doesNotHaveDuplicates();
    }

    @Test
    void drainsOnTheCallingThreadWithTheDirectScheduler() {
        PulseBatcher<Integer> batcher = new PulseBatcher<>(new DirectUiScheduler(), 100, 100, Duration.ofMillis(8), batches::add);

        batcher.offerAll(List.of(1, 2, 3));

        assertThat(batches).extracting(PulseBatcher.Batch::items).containsExactly(List.of(1, 2, 3));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
