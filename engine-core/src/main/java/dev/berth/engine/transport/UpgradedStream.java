package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection the engine has switched to a raw stream (HTTP upgrade, "hijack") for attach and exec:
 * what we write is the process's stdin, what we read is its output (multiplexed unless it has a TTY).
 * The connection never returns to the pool.
 */
public final class UpgradedStream implements AutoCloseable {

    private final Connection connection;
    private final InputStream input;

    UpgradedStream(Connection connection, InputStream alreadyBuffered) {
        this.connection = connection;
        this.input = alreadyBuffered;
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return connection.output();
    }

    /** Tells the process its stdin has ended, keeping its output flowing. */
    public void closeOutput() throws IOException {
        connection.output().flush();
        connection.shutdownOutput();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }
}
