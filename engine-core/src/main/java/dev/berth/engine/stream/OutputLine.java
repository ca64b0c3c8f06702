package dev.berth.engine.stream;

import java.time.Instant;

/** One line of container output, without its line break; {@code timestamp} only when requested. */
public record OutputLine(LogSource source, String text, Instant timestamp) {

    public OutputLine(LogSource source, String text) {
        this(source, text, null);
    }
}
