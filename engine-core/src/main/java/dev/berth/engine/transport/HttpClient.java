package dev.berth.engine.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client over any {@link Transport}: keep-alive pooling, Content-Length and chunked bodies
 * both ways, per-request read timeouts, and the upgrade ("hijack") attach and exec need. Thread-safe: each
 * request borrows its own connection.
 *
 * <p>Why our own: see docs/DECISIONS.md ("engine client"). In short, the JDK's {@code java.net.http} cannot
 * use unix sockets, and the libraries that can add a dependency tree for what is ~500 lines here.
 */
public final class HttpClient implements AutoCloseable {

    /** Connection settings; {@code readTimeout} is the default for requests that do not set their own. */
    public record Options(Duration connectTimeout, Duration readTimeout, int maxIdleConnections) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(60), 8);
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final Transport transport;
    private final Options options;
    private final Deque<PooledConnection> idle = new ArrayDeque<>();
    private volatile boolean closed;
    private long connectionsOpened;

    public HttpClient(Transport transport, Options options) {
        this.transport = transport;
        this.options = options;
    }

    public Transport transport() {
        return transport;
    }

    /** Connections opened so far: tests use it to prove keep-alive reuse. */
    public synchronized long connectionsOpened() {
        return connectionsOpened;
    }

    /** Sends a request and reads the response head; the body is read from the result. */
    public HttpResponse send(HttpRequest request) throws IOException {
        return exchange(request, false);
    }

    /**
     * Sends a request asking the engine to switch protocols; on {@code 101} (or the raw-stream {@code 200}
     * old engines answer) the response carries an {@link UpgradedStream}. Error statuses come back as a
     * normal response so the caller can read the engine's message.
     */
    public HttpResponse upgrade(HttpRequest request) throws IOException {
        return exchange(request.withHeader("Connection", "Upgrade").withHeader("Upgrade", "tcp"), true);
    }

    private HttpResponse exchange(HttpRequest request, boolean upgrade) throws IOException {
        // A streamed body cannot be replayed, so it never risks a stale pooled connection.
        boolean replayable = request.bodyWriter() == null;
        for (int attempt = 0; ; attempt++) {
            // A retry never takes another pooled connection: when the engine closed one idle connection it
            // usually closed them all (a restart, an idle timeout), and each would fail the same way.
            PooledConnection connection = replayable && !upgrade && attempt == 0 ? acquire() : open();
            long before = connection.input.bytesRead();
            try {
                connection.connection.readTimeout(request.readTimeout() != null ? request.readTimeout() : options.readTimeout());
                writeRequest(connection, request);
                return readResponse(connection, request, upgrade);
            } catch (IOException | RuntimeException e) {
                connection.connection.close();
                boolean staleReuse = connection.reused && connection.input.bytesRead() == before && attempt == 0;
                if (staleReuse && e instanceof IOException) {
                    closeIdle(); // the rest of the pool is as old as this one
                    continue; // the engine had closed the idle connection; nothing was processed
                }
                throw e;
            }
        }
    }

    private void writeRequest(PooledConnection connection, HttpRequest request) throws IOException {
        OutputStream out = connection.connection.output();
        byte[] head = request.head(transport instanceof TcpTransport ? "localhost" : "docker");
        if (request.body() != null) {
            byte[] whole = new byte[head.length + request.body().length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(request.body(), 0, whole, head.length, request.body().length);
            out.write(whole);
        } else {
            out.write(head);
        }
        if (request.bodyWriter() != null) {
            ChunkedOutputStream chunked = new ChunkedOutputStream(out);
            try (BufferedOutputStream buffered = new BufferedOutputStream(chunked, BUFFER)) {
                request.bodyWriter().writeTo(buffered);
            }
        }
        out.flush();
    }

    private HttpResponse readResponse(PooledConnection connection, HttpRequest request, boolean upgrade) throws IOException {
        HttpInput in = connection.input;
        String statusLine;
        int status;
        Map<String, String> headers;
        do {
            statusLine = in.readLine();
            if (statusLine == null) {
                throw new ProtocolException("the engine closed the connection without answering");
            }
            status = parseStatus(statusLine);
            headers = readHeaders(in);
        } while (status >= 100 && status < 200 && status != 101); // 100 Continue and friends
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";

        boolean keepAlive = statusLine.startsWith("HTTP/1.1") && !"close".equalsIgnoreCase(headers.get("connection"));
        String contentType = headers.getOrDefault("content-type", "");
        boolean rawStream = contentType.startsWith("application/vnd.docker.raw-stream")
                || contentType.startsWith("application/vnd.docker.multiplexed-stream");
        if (upgrade && (status == 101 || (status == 200 && rawStream && !headers.containsKey("content-length")))) {
            UpgradedStream stream = new UpgradedStream(connection.connection, in);
            return new HttpResponse(status, reason, headers, null, stream, () -> {}, connection.connection::close);
        }

        Runnable abort = connection.connection::close;
        Runnable release = keepAlive ? () -> giveBack(connection) : abort;
        InputStream body;
        String length = headers.get("content-length");
        if (request.method().equals("HEAD") || status == 204 || status == 304) {
            body = null;
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new ChunkedInputStream(in);
        } else if (length != null) {
            long n = Long.parseLong(length.trim());
            body = n == 0 ? null : new FixedLengthInputStream(in, n);
        } else {
            body = in; // until the engine closes the connection
            release = abort;
        }
        return new HttpResponse(status, reason, headers, body, null, release, abort);
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new ProtocolException("not an HTTP response: '" + abbreviate(statusLine) + "'");
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad HTTP status line: '" + abbreviate(statusLine) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static Map<String, String> readHeaders(HttpInput in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("bad header line: '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private PooledConnection acquire() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("the engine client is closed");
            }
            PooledConnection pooled;
            while ((pooled = idle.pollFirst()) != null) {
                if (pooled.connection.isOpen()) {
                    pooled.reused = true;
                    return pooled;
                }
            }
        }
        return open();
    }

    private PooledConnection open() throws IOException {
        if (closed) {
            throw new IOException("the engine client is closed");
        }
        Connection connection = transport.connect(options.connectTimeout());
        synchronized (this) {
            connectionsOpened++;
        }
        return new PooledConnection(connection, new HttpInput(connection.input(), BUFFER));
    }

    private void giveBack(PooledConnection connection) {
        boolean keep;
        synchronized (this) {
            keep = !closed && connection.connection.isOpen() && idle.size() < options.maxIdleConnections();
            if (keep) {
                idle.addFirst(connection);
            }
        }
        if (!keep) {
            connection.connection.close();
        }
    }

    /** Closes idle connections; responses still being read keep theirs until closed. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeIdle();
    }

    private void closeIdle() {
        Deque<PooledConnection> toClose;
        synchronized (this) {
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(c -> c.connection.close());
    }

    private static final class PooledConnection {
        final Connection connection;
        final HttpInput input;
        boolean reused;

        PooledConnection(Connection connection, HttpInput input) {
            this.connection = connection;
            this.input = input;
        }
    }

    /** Chunked request bodies: each flush of the buffer becomes one chunk. */
    private static final class ChunkedOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkedOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write(CRLF);
        }

        @Override
        public void close() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static final byte[] CRLF = {'\r', '\n'};
    }
}
