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

    /** Whether a whole line (up to its LF) is already buffered, so reading it cannot block. */
    boolean hasBufferedLine() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * A chunk-size line ({@code 1a3;ext=value CR LF}) parsed in place: the engine sends one chunk per log
     * frame, so this runs once per line of a log and must not allocate.
     */
    long readChunkSize() throws IOException {
        long size = 0;
        int digits = 0;
        boolean extension = false;
        boolean any = false;
        while (true) {
            if (!fill()) {
                throw new EOFException(any ? "the engine closed the connection in the middle of a chunk size"
                        : "the engine closed the connection before the end of a chunked body");
            }
            byte b = buffer[position++];
            any = true;
            if (b == '\n') {
                if (digits == 0) {
                    throw new IOException("malformed chunk size: no hex digits");
                }
                return size;
            }
            if (extension || b == '\r' || b == ' ' || b == '\t') {
                continue;
            }
            if (b == ';') {
                extension = true;
                continue;
            }
            int value = Character.digit(b, 16);
            if (value < 0 || digits == 15) {
                throw new IOException("malformed chunk size: unexpected '" + (char) (b & 0xff) + "'");
            }
            size = size * 16 + value;
            digits++;
        }
    }

    /** The CR LF (or a bare LF) that ends a chunk's data. */
    void readChunkEnd() throws IOException {
        int b = read();
        if (b == '\r') {
            b = read();
        }
        if (b != '\n') {
            throw b < 0 ? new EOFException("the engine closed the connection after a chunk's data")
                    : new IOException("a chunk did not end with CR LF");
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
