package dev.berth.engine.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of container output, without its line break; {@code timestamp} only when requested.
 *
 * <p>{@code text} is the line decoded as UTF-8 for display (bytes that are not UTF-8 read as U+FFFD). What
 * the container wrote is kept too, so the CLI can print it byte for byte: {@code raw} holds the original
 * bytes when the text would not give them back (it is null when the text's UTF-8 is exactly what was
 * written, the usual case, so valid lines cost nothing extra), and {@code lineBreak} says what ended the
 * line in the original.
 */
public record OutputLine(LogSource source, String text, Instant timestamp, byte[] raw, LineBreak lineBreak) {

    /** What followed the line in the container's output. */
    public enum LineBreak {
        /** {@code \n}, or the end of the output (which Compose and Berth print as a line of its own). */
        LF("\n"),
        /** {@code \r\n}: a TTY's line ending (the terminal turns {@code \n} into it). */
        CRLF("\r\n"),
        /** Nothing: a line too long to keep whole was cut here, and its next piece follows. */
        NONE("");

        private final String bytes;

        LineBreak(String bytes) {
            this.bytes = bytes;
        }

        /** The line break as written, for printing the line as it was received. */
        public String text() {
            return bytes;
        }
    }

    public OutputLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lineBreak, "lineBreak");
    }

    public OutputLine(LogSource source, String text) {
        this(source, text, null);
    }

    public OutputLine(LogSource source, String text, Instant timestamp) {
        this(source, text, timestamp, null, LineBreak.LF);
    }

    /**
     * The timestamp as the engine writes it ({@code 2026-12-03T13:56:35.120000000Z}: UTC, always nine digits, the
     * Go layout docker calls RFC3339NanoFixed), so {@code logs -t} columns line up as docker's do; null without one.
     */
    public String engineTimestamp() {
        return timestamp == null ? null : ENGINE_TIMESTAMP.format(timestamp);
    }

    private static final DateTimeFormatter ENGINE_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The bytes the container wrote for this line, without the timestamp and the line break. */
    public byte[] content() {
        return raw != null ? raw.clone() : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@link #text} is not the exact output (bytes that are not UTF-8 were replaced by U+FFFD). */
    public boolean lossy() {
        return raw != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputLine other && source == other.source && text.equals(other.text)
                && Objects.equals(timestamp, other.timestamp) && Arrays.equals(raw, other.raw)
                && lineBreak == other.lineBreak;
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, text, timestamp, Arrays.hashCode(raw), lineBreak);
    }

    @Override
    public String toString() {
        return "OutputLine[" + source + ", " + text + (timestamp == null ? "" : ", " + timestamp)
                + (raw == null ? "" : ", " + raw.length + " raw bytes") + ", " + lineBreak + "]";
    }
}
