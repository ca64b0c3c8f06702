package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A fixed-capacity ring of items: appending past capacity evicts the oldest. Index 0 is the oldest item
 * kept. Not thread-safe: the UI thread owns it (producers reach it through a batcher). Plain Java so it is
 * tested and measured without JavaFX.
 */
public final class LogRing<T> {

    private final Object[] slots;
    private int head; // index of the oldest item in slots
    private int size;
    private long evictedTotal;

    public LogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.slots = new Object[capacity];
    }

    /** Appends {@code items}; returns how many old items were evicted to make room. */
    public int appendAll(Collection<? extends T> items) {
        int evicted = 0;
        for (T item : items) {
            if (append(item)) {
                evicted++;
            }
        }
        return evicted;
    }

    /** Appends one item; returns whether the oldest was evicted. */
    public boolean append(T item) {
        int capacity = slots.length;
        if (size < capacity) {
            slots[(head + size) % capacity] = item;
            size++;
            return false;
        }
        slots[head] = item;
        head = (head + 1) % capacity;
        evictedTotal++;
        return true;
    }

    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return (T) slots[(head + index) % slots.length];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return slots.length;
    }

    public long evictedTotal() {
        return evictedTotal;
    }

    public void clear() {
        Arrays.fill(slots, null);
        head = 0;
        size = 0;
    }

    /** A copy of the items, oldest first. */
    public List<T> toList() {
        List<T> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(get(i));
        }
        return copy;
    }

    /** A copy of the {@code count} oldest items. */
    public List<T> head(int count) {
        int n = Math.min(count, size);
        List<T> copy = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            copy.add(get(i));
        }
        return copy;
    }

    /** A copy of items {@code from} (inclusive) to the end. */
    public List<T> tail(int from) {
        List<T> copy = new ArrayList<>(Math.max(0, size - from));
        for (int i = Math.max(0, from); i < size; i++) {
            copy.add(get(i));
        }
        return copy;
    }
}
