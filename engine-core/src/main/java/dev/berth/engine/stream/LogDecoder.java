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
 *
 * <p>Hostile output stays bounded and exact: a line longer than {@link #MAX_LINE} bytes (binary output, a
 * program that never writes a line break) is handed out in pieces of that size marked {@link
 * OutputLine.LineBreak#NONE}, so memory stays flat; bytes that are not UTF-8 read as U+FFFD in the text and are
 * kept as they were in {@link OutputLine#raw}, and a TTY's {@code \r\n} is remembered, so a line can be
 * printed exactly as the engine sent it.
 *
 * <p>With timestamps the engine stamps every message of its log driver, and the json-file driver stores a
 * line longer than 16 KiB as several partial messages: a 1 MB line arrives as 64 frames, each starting with
 * its own timestamp. The timestamp at the start of a frame that continues a line is dropped, so the line
 * reads as written. A TTY's raw stream has no frames, but the pieces are 16 KiB each, so there the stamps are
 * dropped where the engine puts them.
 */
public final class LogDecoder implements ItemDecoder<OutputLine> {

    private static final int HEADER = 8;
    /** The longest line handed out whole: longer ones come in pieces of this size. */
    public static final int MAX_LINE = 4 * 1024 * 1024;
    /** The engine's log copier cuts lines into messages of this many bytes (each gets a timestamp of its own). */
    private static final int PARTIAL_MESSAGE = 16 * 1024;
    /** An RFC 3339 timestamp with nanoseconds and its space: "2026-12-03T10:35:28.571449749Z " is 31. */
    private static final int MAX_TIMESTAMP = 40;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final boolean multiplexed;
    private final boolean timestamps;
    private final int maxLine;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long frameRemaining;
    private LogSource frameSource = LogSource.STDOUT;
    private final Partial stdout = new Partial();
    private final Partial stderr = new Partial();
    private final Partial other = new Partial();
    private boolean eof;
    /** Raw stream with timestamps: bytes of the current line since its last stamp, when a piece was handed out. */
    private int ttySinceStamp;

    public LogDecoder(InputStream in, boolean multiplexed, boolean timestamps) {
        this(in, multiplexed, timestamps, 64 * 1024, MAX_LINE);
    }

    LogDecoder(InputStream in, boolean multiplexed, boolean timestamps, int bufferSize) {
        this(in, multiplexed, timestamps, bufferSize, MAX_LINE);
    }

    LogDecoder(InputStream in, boolean multiplexed, boolean timestamps, int bufferSize, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
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
                if (timestamps && partial(frameSource).midLine()) {
                    skipContinuationTimestamp();
                }
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
            Partial carried = partial(frameSource);
            int room = maxLine - carried.length;
            if (available >= room) {
                // Too long to keep whole: hand out what fits, the rest follows as the next piece.
                carried.append(buffer, start, room);
                position = start + room;
                frameRemaining -= room;
                return carried.take(frameSource, OutputLine.LineBreak.NONE);
            }
            carried.append(buffer, start, available);
            position = end;
            frameRemaining -= available;
        }
    }

    /**
     * Drops the timestamp the engine put at the start of a frame that continues a line (a partial message of
     * the log driver). The frame is in flight whole, so reading its first bytes cannot wait for more output.
     */
    private void skipContinuationTimestamp() throws IOException {
        int want = (int) Math.min(frameRemaining, MAX_TIMESTAMP);
        if (want == 0 || !ensure(want)) {
            return;
        }
        if (buffer[position] < '0' || buffer[position] > '9') {
            return;
        }
        for (int i = position; i < position + want; i++) {
            if (buffer[i] == ' ') {
                frameRemaining -= i + 1 - position;
                position = i + 1;
                return;
            }
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
        if (!carried.midLine()) {
            return lineOf(source, buffer, start, newline, OutputLine.LineBreak.LF, timestamps);
        }
        carried.append(buffer, start, newline - start);
        return carried.take(source, OutputLine.LineBreak.LF);
    }

    /**
     * The line in {@code bytes[from, to)}. With {@code stamped} a leading timestamp is taken off; with
     * {@code LF} a {@code \r} before the break is a CRLF ending. May rewrite the bytes in place (they are
     * consumed).
     */
    private OutputLine lineOf(LogSource source, byte[] bytes, int from, int to, OutputLine.LineBreak lineBreak, boolean stamped) {
        Instant timestamp = null;
        int start = from;
        if (stamped) {
            int space = indexOf(bytes, (byte) ' ', from, Math.min(to, from + MAX_TIMESTAMP));
            if (space > from) {
                try {
                    timestamp = Instant.parse(new String(bytes, from, space - from, StandardCharsets.ISO_8859_1));
                    start = space + 1;
                } catch (DateTimeParseException ignored) {
                    // not a timestamp after all: keep the line whole
                }
            }
        }
        int end = !multiplexed && timestamps ? dropPartialMessageStamps(bytes, start, to, lineBreak) : to;
        if (lineBreak == OutputLine.LineBreak.LF && end > start && bytes[end - 1] == '\r') {
            end--;
            lineBreak = OutputLine.LineBreak.CRLF;
        }
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        // Decoding replaces what is not UTF-8 with U+FFFD (a fast intrinsic scan finds it): keep those bytes.
        byte[] raw = text.indexOf('\uFFFD') >= 0 ? Arrays.copyOfRange(bytes, start, end) : null;
        return new OutputLine(source, text, timestamp, raw, lineBreak);
    }

    /**
     * A TTY's raw stream has no frames, but the log driver's partial messages are there all the same: the
     * engine's copier cuts a line at every {@value #PARTIAL_MESSAGE} bytes, and with timestamps each piece
     * starts with its own stamp ({@code docker logs -t} shows them inside the line). Removes the stamps found
     * exactly at those places from {@code bytes[start, end)}, moving the rest down; returns the new end.
     */
    private int dropPartialMessageStamps(byte[] bytes, int start, int end, OutputLine.LineBreak lineBreak) {
        int read = start;
        int write = start;
        int room = PARTIAL_MESSAGE - ttySinceStamp;
        while (end - read > room) {
            System.arraycopy(bytes, read, bytes, write, room);
            read += room;
            write += room;
            int stamp = stampLength(bytes, read, end);
            if (stamp < 0) {
                room = Integer.MAX_VALUE; // no stamp where the engine puts them: not a stamped stream after all
                break;
            }
            read += stamp;
            room = PARTIAL_MESSAGE;
        }
        int rest = end - read;
        System.arraycopy(bytes, read, bytes, write, rest);
        ttySinceStamp = lineBreak == OutputLine.LineBreak.NONE && room != Integer.MAX_VALUE ? PARTIAL_MESSAGE - room + rest : 0;
        return write + rest;
    }

    /** The length of an RFC 3339 UTC timestamp and its space at {@code at} ("2026-12-03T10:35:28.571449749Z "), or -1. */
    static int stampLength(byte[] bytes, int at, int end) {
        String shape = "dddd-dd-ddTdd:dd:dd";
        if (end - at < shape.length() + 2) {
            return -1;
        }
        for (int i = 0; i < shape.length(); i++) {
            byte b = bytes[at + i];
            if (shape.charAt(i) == 'd' ? b < '0' || b > '9' : b != shape.charAt(i)) {
                return -1;
            }
        }
        int i = at + shape.length();
        if (bytes[i] == '.') {
            i++;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
        }
        return i + 1 < end && bytes[i] == 'Z' && bytes[i + 1] == ' ' ? i + 2 - at : -1;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private OutputLine flushPartials() {
        for (LogSource source : new LogSource[] {LogSource.STDOUT, LogSource.STDERR, LogSource.SYSTEM}) {
            Partial carried = partial(source);
            if (carried.length > 0) {
                return carried.take(source, OutputLine.LineBreak.LF);
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
    private final class Partial {
        private static final int INITIAL = 256;
        private byte[] bytes = new byte[INITIAL];
        private int length;
        /** Whether the bytes carried start a line (a piece after a cut has no timestamp of its own). */
        private boolean continuesCut;

        void append(byte[] source, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        /** Whether a line of this stream has begun and not ended (bytes carried, or a piece already handed out). */
        boolean midLine() {
            return length > 0 || continuesCut;
        }

        OutputLine take(LogSource source, OutputLine.LineBreak lineBreak) {
            OutputLine line = lineOf(source, bytes, 0, length, lineBreak, timestamps && !continuesCut);
            length = 0;
            continuesCut = lineBreak == OutputLine.LineBreak.NONE;
            if (bytes.length > 1024 * 1024) {
                bytes = new byte[INITIAL]; // a huge line passed: do not keep its buffer for every line after it
            }
            return line;
        }
    }
}
