package dev.berth.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Newline-delimited JSON (events, stats, pull/push/build progress): reads one line at a time and hands
 * its bytes to a parser. JSON strings escape their line breaks, so a raw newline always ends a message.
 */
public final class JsonLinesDecoder<T> implements ItemDecoder<T> {

    /** Parses one message. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] bytes, int offset, int length) throws IOException;
    }

    private final InputStream in;
    private final Parser<T> parser;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];

    public JsonLinesDecoder(InputStream in, Parser<T> parser) {
        this.in = in;
        this.parser = parser;
    }

    @Override
    public T next() throws IOException {
        while (true) {
            int length = readLine();
            if (length < 0) {
                return null;
            }
            int start = 0;
            while (start < length && Character.isWhitespace(line[start])) {
                start++;
            }
            if (start < length) {
                return parser.parse(line, start, length - start);
            }
        }
    }

    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return length == 0 ? -1 : length;
                }
                position = 0;
                limit = n;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(buffer, start, line, length, count);
            length += count;
            if (position < limit) {
                position++; // the newline
                return length;
            }
        }
    }
}
