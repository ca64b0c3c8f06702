package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response whose body is read incrementally. Reading the body to its end gives the connection back to
 * the pool; closing earlier (a cancelled stream) closes the connection, which is the only way HTTP/1.1
 * can stop an engine that is still sending. {@link #close()} may be called from any thread.
 */
public final class HttpResponse implements AutoCloseable {

    private final int status;
    private final String reason;
    private final Map<String, String> headers;
    private final InputStream body;
    private final UpgradedStream upgraded;
    private final Runnable release;
    private final Runnable abort;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean bodyComplete;

    HttpResponse(int status, String reason, Map<String, String> headers, InputStream decodedBody,
                 UpgradedStream upgraded, Runnable release, Runnable abort) {
        this.status = status;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
        this.upgraded = upgraded;
        this.release = release;
        this.abort = abort;
        this.body = decodedBody == null ? null : new BodyStream(decodedBody);
        if (decodedBody == null && upgraded == null) {
            bodyComplete = true;
            finish();
        }
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The decoded body (chunked/length handled); empty stream when the response has none. */
    public InputStream body() {
        return body == null ? InputStream.nullInputStream() : body;
    }

    /** Non-null when the engine switched protocols (attach/exec): the raw bidirectional stream. */
    public UpgradedStream upgraded() {
        return upgraded;
    }

    /** Reads the whole body; the connection goes back to the pool. */
    public byte[] readAllBytes() throws IOException {
        try (this) {
            return body().readAllBytes();
        }
    }

    @Override
    public void close() {
        if (upgraded != null) {
            upgraded.close();
            return;
        }
        if (done.compareAndSet(false, true)) {
            if (bodyComplete) {
                release.run();
            } else {
                abort.run();
            }
        }
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            release.run();
        }
    }

    private final class BodyStream extends InputStream {
        private final InputStream decoded;

        BodyStream(InputStream decoded) {
            this.decoded = decoded;
        }

        @Override
        public int read() throws IOException {
            int b = decoded.read();
            if (b < 0) {
                ended();
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done.get() && !bodyComplete) {
                throw new IOException("the response was closed");
            }
            int n = decoded.read(target, offset, length);
            if (n < 0) {
                ended();
            }
            return n;
        }

        private void ended() {
            bodyComplete = true;
            finish();
        }

        @Override
        public void close() {
            HttpResponse.this.close();
        }
    }
}
