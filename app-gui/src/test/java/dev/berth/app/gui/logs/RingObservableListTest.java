package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class RingObservableListTest {

    @Test
    void firesOneChangeWithTheEvictedHeadAndTheAppendedTailPerBatch() {
        RingObservableList<Integer> list = new RingObservableList<>(5);
        list.appendAll(List.of(1, 2, 3, 4));
        List<String> changes = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) change -> {
            int events = 0;
            while (change.next()) {
                events++;
                if (change.wasRemoved()) {
                    changes.add("removed " + change.getRemoved() + " at " + change.getFrom());
                }
                if (change.wasAdded()) {
                    changes.add("added " + change.getAddedSubList());
                }
            }
            changes.add(events + " sub-changes");
        });

        list.appendAll(List.of(5, 6, 7));

        assertThat(list).containsExactly(3, 4, 5, 6, 7);
        assertThat(changes).contains("removed [1, 2] at 0", "added [5, 6, 7]");
    }

    @Test
    void keepsOnlyTheNewestWhenOneBatchExceedsCapacity() {
        RingObservableList<Integer> list = new RingObservableList<>(3);
        list.appendAll(List.of(1));
        List<Integer> mirror = new ArrayList<>(list);
        list.addListener((ListChangeListener<Integer>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    mirror.subList(change.getFrom(), change.getFrom() + change.getRemovedSize()).clear();
                }
                if (change.wasAdded()) {
                    mirror.addAll(change.getFrom(), change.getAddedSubList());
                }
            }
        });

        list.appendAll(IntStream.rangeClosed(2, 10).boxed().toList());

        assertThat(list).containsExactly(8, 9, 10);
        assertThat(mirror).containsExactly(8, 9, 10);
    }
}
