package dev.berth.engine.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One bidirectional byte stream to the engine. Reads and writes may happen on different threads at the
 * same time (a hijacked exec session does); {@link #close()} from any thread unblocks a pending read.
 */
public interface Connection extends Closeable {

    InputStream input();

    OutputStream output();

    /** Half-closes: the engine sees end-of-input (stdin EOF for exec/attach) while we keep reading. */
    void shutdownOutput() throws IOException;

    /** Longest wait for the next bytes; {@link Duration#ZERO} waits forever (event streams, follow logs). */
    void readTimeout(Duration timeout);

    boolean isOpen();

    /** Idempotent; never throws. */
    @Override
    void close();
}
