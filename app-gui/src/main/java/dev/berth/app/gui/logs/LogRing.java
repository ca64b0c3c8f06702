package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A ring of items bounded twice: by count (appending past capacity evicts the oldest) and, when given a
 * weigher, by total weight (the oldest go until the new item fits the budget; the newest item always
 * stays). The weight bound is what keeps memory flat when lines are huge: 100,000 lines of 1 MB would not
 * fit any heap. Index 0 is the oldest item kept. Not thread-safe: the UI thread owns it (producers reach it
 * through a batcher). Plain Java so it is tested and measured without JavaFX.
 */
public final class LogRing<T> {

    private final Object[] slots;
    private final long budget;
    private final ToLongFunction<? super T> weigher;
    private int head; // index of the oldest item in slots
    private int size;
    private long weight;
    private long evictedTotal;

    public LogRing(int capacity) {
        this(capacity, Long.MAX_VALUE, item -> 0);
    }

    /** @param budget the most total weight kept (the newest item is kept even when it alone is heavier) */
    public LogRing(int capacity, long budget, ToLongFunction<? super T> weigher) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.slots = new Object[capacity];
        this.budget = budget;
        this.weigher = weigher;
    }

    /** Appends {@code items}; returns how many items (old ones first, then early ones of {@code items}) were evicted. */
    public int appendAll(Collection<? extends T> items) {
        return appendAll(items, null);
    }

    /**
     * Appends {@code items}, adding every evicted item to {@code evicted} (when not null) oldest first: the
     * items that were here before, then any early ones of {@code items} that did not fit either.
     */
    public int appendAll(Collection<? extends T> items, List<T> evicted) {
        int count = 0;
        for (T item : items) {
            count += append(item, evicted);
        }
        return count;
    }

    /** Appends one item; returns whether anything was evicted. */
    public boolean append(T item) {
        return append(item, null) > 0;
    }

    private int append(T item, List<T> evicted) {
        long itemWeight = weigher.applyAsLong(item);
        int count = 0;
        while (size > 0 && (size == slots.length || weight + itemWeight > budget)) {
            T oldest = removeOldest();
            if (evicted != null) {
                evicted.add(oldest);
            }
            count++;
        }
        slots[(head + size) % slots.length] = item;
        size++;
        weight += itemWeight;
        return count;
    }

    @SuppressWarnings("unchecked")
    private T removeOldest() {
        T oldest = (T) slots[head];
        slots[head] = null;
        head = (head + 1) % slots.length;
        size--;
        weight -= weigher.applyAsLong(oldest);
        evictedTotal++;
        return oldest;
    }

    /** The total weight of the items kept. */
    public long weight() {
        return weight;
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
        weight = 0;
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
