package dev.berth.app.gui.fx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Carries items from producers on any thread to the UI, drained at most once per pulse.
 *
 * <p>Producers {@link #offer} into a bounded queue; the first offer after a drain asks the scheduler for
 * one pulse task (never one {@code runLater} per item). The drain hands the consumer chunks of at most
 * {@code chunkSize} items and stops when its time budget is spent, leaving the rest for the next pulse, so
 * a flood cannot hold the UI thread for longer than about one budget plus one chunk. When producers
 * outrun the UI for long enough to fill the queue, the oldest items are dropped and counted: for logs
 * the newest lines matter most, and the count is shown to the user. The queue is bounded by a count and,
 * when given a weigher, by total weight too: 200,000 queued lines of 1 MiB each would be 200 GB.
 */
public final class PulseBatcher<T> {

    /** What one drain hands the consumer: the items, and how many were dropped since the last batch. */
    public record Batch<T>(List<T> items, long droppedBefore) {}

    private final UiScheduler scheduler;
    private final int capacity;
    private final int chunkSize;
    private final long budgetNanos;
    private final Consumer<Batch<T>> consumer;
    private final LongSupplier nanoClock;
    private final long maxWeight;
    private final ToLongFunction<? super T> weigher;
    private long weight;

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private long droppedSinceLastBatch;
    private long droppedTotal;
    private long drains;
    private long longestDrainNanos;

    public PulseBatcher(UiScheduler scheduler, int capacity, int chunkSize, Duration budget, Consumer<Batch<T>> consumer) {
        this(scheduler, capacity, Long.MAX_VALUE, item -> 0, chunkSize, budget, consumer, System::nanoTime);
    }

    /** A queue of at most {@code capacity} items weighing at most {@code maxWeight} in all (one item may weigh more). */
    public PulseBatcher(UiScheduler scheduler, int capacity, long maxWeight, ToLongFunction<? super T> weigher, int chunkSize,
                        Duration budget, Consumer<Batch<T>> consumer) {
        this(scheduler, capacity, maxWeight, weigher, chunkSize, budget, consumer, System::nanoTime);
    }

    PulseBatcher(UiScheduler scheduler, int capacity, int chunkSize, Duration budget, Consumer<Batch<T>> consumer,
                 LongSupplier nanoClock) {
        this(scheduler, capacity, Long.MAX_VALUE, item -> 0, chunkSize, budget, consumer, nanoClock);
    }

    PulseBatcher(UiScheduler scheduler, int capacity, long maxWeight, ToLongFunction<? super T> weigher, int chunkSize,
                 Duration budget, Consumer<Batch<T>> consumer, LongSupplier nanoClock) {
        if (capacity < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("capacity and chunkSize must be positive");
        }
        this.scheduler = Objects.requireNonNull(scheduler);
        this.capacity = capacity;
        this.chunkSize = chunkSize;
        this.budgetNanos = budget.toNanos();
        this.consumer = Objects.requireNonNull(consumer);
        this.nanoClock = nanoClock;
        this.maxWeight = maxWeight;
        this.weigher = Objects.requireNonNull(weigher);
    }

    /** Adds one item; callable from any thread, never blocks on the UI. */
    public void offer(T item) {
        synchronized (queue) {
            enqueue(item);
        }
        scheduleDrain();
    }

    /** Adds several items under one lock; callable from any thread. */
    public void offerAll(Collection<? extends T> items) {
        synchronized (queue) {
            for (T item : items) {
                enqueue(item);
            }
        }
        scheduleDrain();
    }

    private void enqueue(T item) {
        long itemWeight = weigher.applyAsLong(Objects.requireNonNull(item));
        while (!queue.isEmpty() && (queue.size() == capacity || weight + itemWeight > maxWeight)) {
            weight -= weigher.applyAsLong(queue.pollFirst());
            droppedSinceLastBatch++;
            droppedTotal++;
        }
        queue.addLast(item);
        weight += itemWeight;
    }

    private T dequeue() {
        T item = queue.pollFirst();
        weight -= weigher.applyAsLong(item);
        return item;
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            scheduler.onNextPulse(this::drain);
        }
    }

    /** Runs on the UI thread, once per pulse at most. */
    private void drain() {
        long start = nanoClock.getAsLong();
        boolean more;
        do {
            List<T> chunk;
            long dropped;
            synchronized (queue) {
                int n = Math.min(chunkSize, queue.size());
                chunk = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    chunk.add(dequeue());
                }
                dropped = droppedSinceLastBatch;
                droppedSinceLastBatch = 0;
                more = !queue.isEmpty();
                if (!more) {
                    // Cleared under the queue lock: an offer racing with us either lands in this chunk or
                    // sees the flag down and schedules the next drain.
                    drainScheduled.set(false);
                }
            }
            if (!chunk.isEmpty() || dropped > 0) {
                consumer.accept(new Batch<>(chunk, dropped));
            }
        } while (more && nanoClock.getAsLong() - start < budgetNanos);
        long took = nanoClock.getAsLong() - start;
        synchronized (queue) {
            drains++;
            longestDrainNanos = Math.max(longestDrainNanos, took);
        }
        if (more) {
            scheduler.onNextPulse(this::drain); // the flag stays up: we own the next drain
        }
    }

    public int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** The weight of the items waiting (0 without a weigher). */
    public long pendingWeight() {
        synchronized (queue) {
            return weight;
        }
    }

    public long droppedTotal() {
        synchronized (queue) {
            return droppedTotal;
        }
    }

    /** How many drains ran: at most one per pulse. */
    public long drains() {
        synchronized (queue) {
            return drains;
        }
    }

    /** The longest time one drain held the UI thread, consumer included. */
    public Duration longestDrain() {
        synchronized (queue) {
            return Duration.ofNanos(longestDrainNanos);
        }
    }
}
