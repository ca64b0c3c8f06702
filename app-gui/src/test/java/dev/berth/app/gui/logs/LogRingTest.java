package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogRingTest {

    @Test
    void keepsItemsInArrivalOrderUntilFull() {
        LogRing<Integer> ring = new LogRing<>(5);
        ring.appendAll(List.of(1, 2, 3));

        assertThat(ring.toList()).containsExactly(1, 2, 3);
        assertThat(ring.evictedTotal()).isZero();
    }

    @Test
    void evictsTheOldestOnceFullAndCountsThem() {
        LogRing<Integer> ring = new LogRing<>(5);

        int evicted = ring.appendAll(IntStream.rangeClosed(1, 12).boxed().toList());

        assertThat(evicted).isEqualTo(7);
        assertThat(ring.toList()).containsExactly(8, 9, 10, 11, 12);
        assertThat(ring.get(0)).isEqualTo(8);
        assertThat(ring.head(2)).containsExactly(8, 9);
        assertThat(ring.tail(3)).containsExactly(11, 12);
        assertThat(ring.evictedTotal()).isEqualTo(7);
    }

    @Test
    void rejectsIndexesOutsideTheKeptItems() {
        LogRing<Integer> ring = new LogRing<>(3);
        ring.append(1);

        assertThatThrownBy(() -> ring.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void startsOverAfterClear() {
        LogRing<Integer> ring = new LogRing<>(3);
        ring.appendAll(List.of(1, 2, 3, 4));
        ring.clear();
        ring.append(9);

        assertThat(ring.toList()).containsExactly(9);
    }

    @Test
    void aWeightBudgetEvictsTheOldestUntilTheNewItemFitsAndKeepsTheNewestEvenWhenHeavier() {
        LogRing<String> ring = new LogRing<>(100, 10, String::length);
        List<String> evicted = new ArrayList<>();

        ring.appendAll(List.of("aaaa", "bbbb"), evicted);
        ring.appendAll(List.of("cccc"), evicted); // 12 > 10: "aaaa" goes

        assertThat(ring.toList()).containsExactly("bbbb", "cccc");
        assertThat(ring.weight()).isEqualTo(8);
        assertThat(evicted).containsExactly("aaaa");

        ring.append("x".repeat(25)); // heavier than the whole budget: alone, but kept
        assertThat(ring.toList()).containsExactly("x".repeat(25));
        assertThat(ring.weight()).isEqualTo(25);
        assertThat(ring.evictedTotal()).isEqualTo(3);
    }
}
