package dev.berth.engine.stream;

import java.io.IOException;

/** Reads the next item from a byte stream; null at the end. Not thread-safe: one reader per stream. */
@FunctionalInterface
public interface ItemDecoder<T> {
    T next() throws IOException;
}
