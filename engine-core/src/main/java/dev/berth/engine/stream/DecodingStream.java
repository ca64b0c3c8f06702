package dev.berth.engine.stream;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An {@link EngineStream} over a response body: a decoder turns bytes into items, {@code onClose} releases
 * the connection, and I/O errors become engine exceptions unless they come from our own close.
 */
public final class DecodingStream<T> implements EngineStream<T> {

    private final ItemDecoder<T> decoder;
    private final AutoCloseable resource;
    private final Function<IOException, RuntimeException> errors;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;

    public DecodingStream(ItemDecoder<T> decoder, AutoCloseable resource, Function<IOException, RuntimeException> errors) {
        this.decoder = decoder;
        this.resource = resource;
        this.errors = errors;
    }

    @Override
    public T next() {
        if (closed.get() || ended) {
            return null;
        }
        try {
            T item = decoder.next();
            if (item == null) {
                ended = true;
                close();
            }
            return item;
        } catch (IOException e) {
            if (closed.get()) {
                return null; // we cancelled: the read failed because we closed the connection
            }
            close();
            throw errors.apply(e);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get() && !ended;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // releasing is best effort
            }
        }
    }
}
