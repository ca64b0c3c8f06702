package dev.berth.engine.stream;

import dev.berth.engine.transport.UpgradedStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A running exec or attach session over a hijacked connection: write to {@link #stdin()}, read
 * {@link #output()}. Reading and writing may happen on different threads. Closing ends the session.
 */
public final class HijackedSession implements AutoCloseable {

    /** Everything a finished session printed. */
    public record Output(String stdout, String stderr) {}

    private final UpgradedStream upgraded;
    private final EngineStream<OutputFrame> output;

    public HijackedSession(UpgradedStream upgraded, boolean tty, Function<IOException, RuntimeException> errors) {
        this.upgraded = upgraded;
        this.output = new DecodingStream<>(new FrameDecoder(upgraded.input(), !tty), upgraded, errors);
    }

    /** The process's stdin (only useful when the session was opened with stdin attached). */
    public OutputStream stdin() {
        return upgraded.output();
    }

    /** Sends end-of-file to the process's stdin; its output keeps flowing. */
    public void closeStdin() throws IOException {
        upgraded.closeOutput();
    }

    /** The output frames, as they arrive. */
    public EngineStream<OutputFrame> output() {
        return output;
    }

    /** Reads until the process closes its output. Output is held in memory: for short commands. */
    public Output readAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (OutputFrame frame : output) {
            (frame.source() == LogSource.STDERR ? err : out).writeBytes(frame.bytes());
        }
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        output.close();
    }
}
