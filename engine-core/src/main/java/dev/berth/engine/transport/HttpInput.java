package dev.berth.engine.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The buffered reader of one connection. It outlives each response: bytes read ahead past one response
 * (or past a 101 upgrade) stay here for the next reader. Lines are read for the response head and chunk
 * sizes only; bodies are copied in bulk.
 */
final class HttpInput extends InputStream {

    private static final int MAX_LINE = 64 * 1024;

    private final InputStream source;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long bytesRead;

    HttpInput(InputStream source, int bufferSize) {
        this.source = source;
        this.buffer = new byte[bufferSize];
    }

    /** Bytes taken from the connection so far: zero means the engine never answered this connection. */
    long bytesRead() {
        return bytesRead;
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = source.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        bytesRead += n;
        return true;
    }

    /** A line without its CR LF; null at end of stream before any byte of the line. */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (!fill()) {
                if (line == null) {
                    return null;
                }
                throw new EOFException("the engine closed the connection in the middle of a line");
            }
            int start = position;
            while (position < limit) {
                if (buffer[position++] == '\n') {
                    int end = position - 1;
                    if (end > start && buffer[end - 1] == '\r') {
                        end--;
                    }
                    String tail = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                    if (line == null) {
                        return tail;
                    }
                    // the CR may have ended the previous buffer
                    line.append(tail);
                    int last = line.length() - 1;
                    if (last >= 0 && line.charAt(last) == '\r') {
                        line.setLength(last);
                    }
                    return line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, start, limit - start, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_LINE) {
                throw new IOException("the engine sent a header line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= limit && length >= buffer.length) {
            // large reads bypass the buffer
            int n = source.read(target, offset, length);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }
}
