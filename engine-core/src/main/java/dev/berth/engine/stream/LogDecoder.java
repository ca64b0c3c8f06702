package dev.berth.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Turns container output into lines. Without a TTY the engine multiplexes stdout and stderr in frames
 * ({@code [stream, 0, 0, 0, size as big-endian uint32]} then {@code size} bytes); with a TTY the output is
 * raw. Frames and reads may split anywhere — inside a header, inside a line — and one frame may hold many
 * lines or a part of one, so partial lines are carried per stream until their line break arrives.
 *
 * <p>Works on one reusable buffer and scans bytes in place: decoding must never be what limits a log view.
 */
public final class LogDecoder implements ItemDecoder<OutputLine> {

    private static final int HEADER = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final boolean multiplexed;
    private final boolean timestamps;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long frameRemaining;
    private LogSource frameSource = LogSource.STDOUT;
    private final Partial stdout = new Partial();
    private final Partial stderr = new Partial();
    private final Partial other = new Partial();
    private boolean eof;

    public LogDecoder(InputStream in, boolean multiplexed, boolean timestamps) {
        this(in, multiplexed, timestamps, 64 * 1024);
    }

    LogDecoder(InputStream in, boolean multiplexed, boolean timestamps, int bufferSize) {
        this.in = in;
        this.multiplexed = multiplexed;
        this.timestamps = timestamps;
        this.buffer = new byte[Math.max(bufferSize, HEADER)];
        this.frameRemaining = multiplexed ? 0 : Long.MAX_VALUE;
    }

    @Override
    public OutputLine next() throws IOException {
        while (true) {
            if (frameRemaining == 0) {
                if (!ensure(HEADER)) {
                    return flushPartials();
                }
                frameSource = LogSource.ofHeaderByte(buffer[position]);
                frameRemaining = ((buffer[position + 4] & 0xffL) << 24) | ((buffer[position + 5] & 0xff) << 16)
                        | ((buffer[position + 6] & 0xff) << 8) | (buffer[position + 7] & 0xff);
                position += HEADER;
                continue;
            }
            if (position == limit && !ensure(1)) {
                return flushPartials(); // the engine ended inside a frame
            }
            int available = (int) Math.min(frameRemaining, limit - position);
            int start = position;
            int end = start + available;
            int newline = indexOfNewline(buffer, start, end);
            if (newline >= 0) {
                position = newline + 1;
                frameRemaining -= position - start;
                return line(frameSource, start, newline);
            }
            partial(frameSource).append(buffer, start, available);
            position = end;
            frameRemaining -= available;
        }
    }

    /**
     * The first LF in {@code [from, to)}, or -1: eight bytes per step (a word-at-a-time zero-byte test on the
     * bytes XOR '\n'), then byte by byte for the tail. In a little-endian word the lowest flagged byte is
     * always a true match, so the first flag is the answer.
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (word - ONES) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private OutputLine line(LogSource source, int start, int newline) {
        Partial carried = partial(source);
        int end = newline;
        String text;
        if (carried.length == 0) {
            if (end > start && buffer[end - 1] == '\r') {
                end--;
            }
            text = new String(buffer, start, end - start, StandardCharsets.UTF_8);
        } else {
            carried.append(buffer, start, end - start);
            text = carried.take();
        }
        return toLine(source, text);
    }

    private OutputLine toLine(LogSource source, String text) {
        if (!timestamps) {
            return new OutputLine(source, text);
        }
        int space = text.indexOf(' ');
        if (space > 0) {
            try {
                return new OutputLine(source, text.substring(space + 1), Instant.parse(text.substring(0, space)));
            } catch (DateTimeParseException ignored) {
                // not a timestamp after all: keep the line whole
            }
        }
        return new OutputLine(source, text);
    }

    private OutputLine flushPartials() {
        for (LogSource source : new LogSource[] {LogSource.STDOUT, LogSource.STDERR, LogSource.SYSTEM}) {
            Partial carried = partial(source);
            if (carried.length > 0) {
                return toLine(source, carried.take());
            }
        }
        return null;
    }

    private Partial partial(LogSource source) {
        return switch (source) {
            case STDOUT -> stdout;
            case STDERR -> stderr;
            default -> other;
        };
    }

    /** Makes at least {@code n} unread bytes available; false at end of stream. */
    private boolean ensure(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit - position < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** The not-yet-terminated tail of one stream's output. */
    private static final class Partial {
        private byte[] bytes = new byte[256];
        private int length;

        void append(byte[] source, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        String take() {
            int end = length;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            length = 0;
            return text;
        }
    }
}
