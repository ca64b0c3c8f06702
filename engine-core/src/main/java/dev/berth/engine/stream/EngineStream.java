package dev.berth.engine.stream;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An incrementally consumed engine stream (logs, events, stats, pull/build progress, exec output).
 *
 * <p>Pull-based: nothing is read from the engine until the consumer asks for the next item, so a slow
 * consumer slows the engine down through the socket instead of growing a buffer. {@link #close()} from any
 * thread cancels: the connection is closed and a blocked {@link #next()} returns null.
 */
public interface EngineStream<T> extends AutoCloseable, Iterable<T> {

    /** Blocks for the next item; null once the stream has ended or was closed. */
    T next();

    boolean isClosed();

    /** Cancels the stream and releases its connection; idempotent, callable from any thread. */
    @Override
    void close();

    @Override
    default Iterator<T> iterator() {
        return new Iterator<>() {
            private T pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    pending = EngineStream.this.next();
                }
                return pending != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T item = pending;
                pending = null;
                return item;
            }
        };
    }

    /**
     * Consumes the stream on a new virtual thread, handing each item to the listener on that thread. Closing
     * this stream stops the consumption; the listener then gets neither an error nor more items.
     */
    default EngineStream<T> subscribe(StreamListener<? super T> listener) {
        Thread.ofVirtual().name("berth-stream").start(() -> {
            try {
                for (T item = next(); item != null; item = next()) {
                    listener.onItem(item);
                }
                listener.onEnd(isClosed());
            } catch (RuntimeException e) {
                if (!isClosed()) {
                    listener.onError(e);
                }
            } finally {
                close();
            }
        });
        return this;
    }
}
