package dev.berth.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a {@link PrintWriter} that can also write bytes as they are. {@code berth logs}
 * prints a container's output byte for byte, as {@code docker logs} does, and a Writer cannot: output that
 * is not UTF-8 (binary data, another encoding) has no characters that would encode back to its bytes.
 */
final class BytePrintWriter extends PrintWriter {

    private final OutputStream bytes;

    BytePrintWriter(OutputStream out) {
        super(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        this.bytes = out;
    }

    /** Writes {@code data} unchanged, after any text printed before it. */
    void writeBytes(byte[] data) {
        synchronized (lock) {
            flush();
            try {
                bytes.write(data);
            } catch (IOException e) {
                setError();
            }
        }
    }
}
