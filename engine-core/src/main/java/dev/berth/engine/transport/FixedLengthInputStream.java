package dev.berth.engine.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A {@code Content-Length} body: exactly that many bytes, then end of stream. */
final class FixedLengthInputStream extends InputStream {

    private final InputStream in;
    private long remaining;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    boolean isFinished() {
        return remaining == 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(target, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("the engine closed the connection " + remaining + " bytes before the end of the body");
        }
        remaining -= n;
        return n;
    }
}
