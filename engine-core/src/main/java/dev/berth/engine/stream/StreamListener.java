package dev.berth.engine.stream;

/** Receives the items of an {@link EngineStream#subscribe subscribed} stream, on the stream's virtual thread. */
@FunctionalInterface
public interface StreamListener<T> {

    void onItem(T item);

    /** The stream ended; {@code cancelled} is true when it was closed by us rather than by the engine. */
    default void onEnd(boolean cancelled) {}

    default void onError(RuntimeException error) {}
}
