package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Base of the transports' connections: wraps the raw read/write primitives in streams that honour the
 * read timeout (through {@link ReadDeadlineWatchdog}) and turn a watchdog close into a
 * {@link SocketTimeoutException} instead of a confusing "socket closed".
 */
abstract class GuardedConnection implements Connection {

    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream input = new GuardedInput();
    private final OutputStream output = new GuardedOutput();
    private volatile long timeoutNanos;
    private volatile long readStartedNanos;
    private volatile boolean timedOut;

    protected GuardedConnection(Duration readTimeout) {
        readTimeout(readTimeout);
    }

    /** Reads at least one byte (or returns -1 at end of stream), blocking. */
    protected abstract int rawRead(byte[] buffer, int offset, int length) throws IOException;

    protected abstract void rawWrite(byte[] buffer, int offset, int length) throws IOException;

    protected void rawFlush() throws IOException {}

    /** Releases the underlying socket or process; called once. */
    protected abstract void rawClose();

    @Override
    public final InputStream input() {
        return input;
    }

    @Override
    public final OutputStream output() {
        return output;
    }

    @Override
    public final void readTimeout(Duration timeout) {
        long nanos = timeout == null ? 0 : timeout.toNanos();
        timeoutNanos = nanos;
        if (nanos > 0 && !closed.get()) {
            ReadDeadlineWatchdog.watch(this);
        } else {
            ReadDeadlineWatchdog.unwatch(this);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            ReadDeadlineWatchdog.unwatch(this);
            rawClose();
        }
    }

    final void expireIfOverdue(long now) {
        long started = readStartedNanos;
        long timeout = timeoutNanos;
        if (started != 0 && timeout > 0 && now - started > timeout) {
            timedOut = true;
            close();
        }
    }

    private final class GuardedInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            readStartedNanos = System.nanoTime();
            try {
                return rawRead(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    throw new SocketTimeoutException("the engine sent nothing for "
                            + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
                }
                throw e;
            } finally {
                readStartedNanos = 0;
            }
        }

        @Override
        public void close() {
            GuardedConnection.this.close();
        }
    }

    private final class GuardedOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            rawWrite(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            rawWrite(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            rawFlush();
        }
    }
}
