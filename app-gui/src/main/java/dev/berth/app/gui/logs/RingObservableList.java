package dev.berth.app.gui.logs;

import java.util.List;
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

    void appendAll(List<? extends T> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int capacity = ring.capacity();
        beginChange();
        try {
            if (batch.size() >= capacity) {
                // The batch alone fills the ring: everything shown so far goes.
                List<T> removed = ring.toList();
                ring.clear();
                ring.appendAll(batch.subList(batch.size() - capacity, batch.size()));
                if (!removed.isEmpty()) {
                    nextRemove(0, removed);
                }
                nextAdd(0, ring.size());
            } else {
                int evicted = Math.max(0, ring.size() + batch.size() - capacity);
                List<T> removed = evicted == 0 ? List.of() : ring.head(evicted);
                ring.appendAll(batch);
                if (evicted > 0) {
                    nextRemove(0, removed);
                }
                nextAdd(ring.size() - batch.size(), ring.size());
            }
        } finally {
            endChange();
        }
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

    @Override
    public T get(int index) {
        return ring.get(index);
    }

    @Override
    public int size() {
        return ring.size();
    }
}
