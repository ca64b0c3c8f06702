package dev.berth.app.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Compose's Ctrl-C for attached commands: the first SIGINT asks for a graceful stop, the second forces
 * it. A JVM shutdown hook cannot do this (it runs once, after the JVM has decided to exit), so the signal
 * is caught directly; the previous handler is restored on {@link #close()}. On platforms without
 * SIGINT the handler is simply not installed.
 */
final class CtrlC implements AutoCloseable {

    private final AtomicInteger presses = new AtomicInteger();
    private SignalHandler previous;

    private CtrlC(Runnable first, Runnable second) {
        try {
            previous = Signal.handle(new Signal("INT"), signal -> {
                int count = presses.incrementAndGet();
                Thread.ofVirtual().name("berth-ctrl-c").start(count == 1 ? first : second);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            previous = null;
        }
    }

    /** Installs the handler: {@code first} on the first Ctrl-C, {@code second} on every later one. */
    static CtrlC install(Runnable first, Runnable second) {
        return new CtrlC(first, second);
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
