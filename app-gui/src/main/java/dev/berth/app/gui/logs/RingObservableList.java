package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import javafx.collections.ObservableListBase;

/**
 * A read-only {@code ObservableList} view of a {@link LogRing}. One {@link #appendAll} — one drain of the
 * batcher — fires exactly one change (the evicted head, the appended tail), so a list view over 100,000
 * lines does work proportional to the batch, not to the buffer.
 */
final class RingObservableList<T> extends ObservableListBase<T> {

    private final LogRing<T> ring;

    RingObservableList(int capacity) {
        this.ring = new LogRing<>(capacity);
    }

    RingObservableList(int capacity, long budget, ToLongFunction<? super T> weigher) {
        this.ring = new LogRing<>(capacity, budget, weigher);
    }

    /**
     * Appends a batch as one change; returns the items that were shown before and are gone now (for counts
     * kept beside the list). Early items of the batch that did not fit are neither added nor returned.
     */
    List<T> appendAll(List<? extends T> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        int before = ring.size();
        List<T> evicted = new ArrayList<>();
        ring.appendAll(batch, evicted);
        List<T> removed = new ArrayList<>(evicted.subList(0, Math.min(before, evicted.size())));
        int added = ring.size() - (before - removed.size());
        beginChange();
        try {
            if (!removed.isEmpty()) {
                nextRemove(0, removed);
            }
            nextAdd(ring.size() - added, ring.size());
        } finally {
            endChange();
        }
        return removed;
    }

    void clear0() {
        if (ring.size() == 0) {
            return;
        }
        List<T> removed = ring.toList();
        ring.clear();
        beginChange();
        nextRemove(0, removed);
        endChange();
    }

    long evictedTotal() {
        return ring.evictedTotal();
    }

    int capacity() {
        return ring.capacity();
    }

    long weight() {
        return ring.weight();
    }

    @Override
    public T get(int index) {
        return ring.get(index);
    }

    @Override
    public int size() {
        return ring.size();
    }
}
