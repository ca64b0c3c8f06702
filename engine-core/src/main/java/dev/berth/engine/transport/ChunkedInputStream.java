package dev.berth.engine.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes {@code Transfer-Encoding: chunked}: hex size (extensions after ';' ignored), data, CR LF; a zero
 * chunk then optional trailers and an empty line end the body.
 *
 * <p>One read returns as many chunks as are already buffered, but never waits for more once it has data, so
 * an event stream is delivered as soon as the engine flushes it while a log — one chunk per line from the
 * engine — is handed on in large reads rather than line by line.
 */
final class ChunkedInputStream extends InputStream {

    private final HttpInput in;
    private long remainingInChunk;
    private boolean chunkEndPending;
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
        remainingInChunk = in.readChunkSize();
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
        int total = 0;
        while (total < length && !finished) {
            // Past the first bytes, go on only as far as the buffer reaches without blocking.
            if (chunkEndPending) {
                if (total > 0 && !in.hasBufferedLine()) {
                    break;
                }
                in.readChunkEnd();
                chunkEndPending = false;
            }
            if (remainingInChunk == 0) {
                if (total > 0 && !in.hasBufferedLine()) {
                    break;
                }
                if (!nextChunk()) {
                    break;
                }
            }
            if (total > 0 && in.available() == 0) {
                break;
            }
            int n = in.read(target, offset + total, (int) Math.min(length - total, remainingInChunk));
            if (n < 0) {
                throw new EOFException("the engine closed the connection in the middle of a chunk");
            }
            total += n;
            remainingInChunk -= n;
            chunkEndPending = remainingInChunk == 0;
        }
        return total == 0 && finished ? -1 : total;
    }
}
