package dev.berth.engine.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes {@code Transfer-Encoding: chunked}: hex size (extensions after ';' ignored), data, CR LF; a zero
 * chunk then optional trailers and an empty line end the body. Each read returns what the current chunk
 * holds, so an event stream is delivered as soon as the engine flushes it.
 */
final class ChunkedInputStream extends InputStream {

    private final HttpInput in;
    private long remainingInChunk;
    private boolean finished;

    ChunkedInputStream(HttpInput in) {
        this.in = in;
    }

    boolean isFinished() {
        return finished;
    }

    private boolean nextChunk() throws IOException {
        if (finished) {
            return false;
        }
        String line = in.readLine();
        if (line == null) {
            throw new EOFException("the engine closed the connection before the end of a chunked body");
        }
        int semicolon = line.indexOf(';');
        String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
        try {
            remainingInChunk = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size '" + line + "'");
        }
        if (remainingInChunk < 0) {
            throw new IOException("malformed chunk size '" + line + "'");
        }
        if (remainingInChunk == 0) {
            // trailers, then the empty line
            String trailer;
            do {
                trailer = in.readLine();
            } while (trailer != null && !trailer.isEmpty());
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remainingInChunk == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(target, offset, (int) Math.min(length, remainingInChunk));
        if (n < 0) {
            throw new EOFException("the engine closed the connection in the middle of a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            String end = in.readLine();
            if (end == null || !end.isEmpty()) {
                throw new IOException("a chunk did not end with CR LF");
            }
        }
        return n;
    }
}
