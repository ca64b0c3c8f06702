package dev.berth.engine.stream;

import java.nio.charset.StandardCharsets;

/** A piece of a process's output as it arrived (exec/attach), unsplit: terminals need the raw bytes. */
public record OutputFrame(LogSource source, byte[] bytes) {

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
