package dev.berth.app.gui.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's output. {@code source} is the service (or container) it came from;
 * {@code text} is raw: it may hold ANSI escapes, which the view renders and search ignores.
 */
public record LogLine(String source, Instant timestamp, Stream stream, String text) {

    public enum Stream { STDOUT, STDERR }

    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }

    /** The text as a reader sees it: ANSI escapes removed. */
    public String plainText() {
        return AnsiParser.strip(text);
    }
}
