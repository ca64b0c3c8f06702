package dev.berth.app.gui.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a container's output. {@code source} is the service (or container) it came from;
 * {@code text} is raw: it may hold ANSI escapes, which the view renders and search ignores.
 *
 * <p>What the container wrote is kept for "Save… as received": {@code raw} holds the original bytes when
 * {@code text} would not give them back (bytes that are not UTF-8, shown as U+FFFD; null otherwise, so the
 * usual line costs nothing extra), and {@code ending} is what ended it ({@code "\n"}, a TTY's {@code
 * "\r\n"}, or {@code ""} where the engine stream cut a line too long to keep whole).
 */
public record LogLine(String source, Instant timestamp, Stream stream, String text, byte[] raw, String ending) {

    public enum Stream { STDOUT, STDERR }

    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ending, "ending");
    }

    public LogLine(String source, Instant timestamp, Stream stream, String text) {
        this(source, timestamp, stream, text, null, "\n");
    }

    /** The text as a reader sees it: ANSI escapes removed. */
    public String plainText() {
        return AnsiParser.strip(text);
    }

    /** The bytes the container wrote, escapes included, without the line's ending. */
    public byte[] receivedBytes() {
        return raw != null ? raw.clone() : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The line's size for the pane's memory budget: its characters, plus the kept bytes of a line that is not UTF-8. */
    long weight() {
        return text.length() + (raw == null ? 0 : raw.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLine other && source.equals(other.source) && timestamp.equals(other.timestamp)
                && stream == other.stream && text.equals(other.text) && Arrays.equals(raw, other.raw) && ending.equals(other.ending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, timestamp, stream, text, Arrays.hashCode(raw), ending);
    }

    @Override
    public String toString() {
        return "LogLine[" + source + ", " + timestamp + ", " + stream + ", " + text + (raw == null ? "" : ", " + raw.length + " raw bytes")
                + (ending.equals("\n") ? "" : ", ending " + ending.replace("\r", "\\r").replace("\n", "\\n")) + "]";
    }
}
