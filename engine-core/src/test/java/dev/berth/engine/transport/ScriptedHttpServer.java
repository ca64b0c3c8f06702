package dev.berth.engine.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTP/1.1 server with fixed behaviours per path, for the transport test kit. It speaks just enough
 * HTTP to exercise the client: keep-alive, Content-Length and chunked bodies both ways, slow answers,
 * Connection: close, silently dropped idle connections, and a 101 upgrade to an upper-casing echo.
 */
final class ScriptedHttpServer implements AutoCloseable {

    private final Closeable listener;
    private final Acceptor acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Path socket;
    private final int port;
    private volatile boolean closed;

    private interface Acceptor {
        Peer accept() throws IOException;
    }

    private record Peer(InputStream in, OutputStream out, Closeable closer, Runnable shutdownOutput) {}

    private ScriptedHttpServer(Closeable listener, Acceptor acceptor, Path socket, int port) {
        this.listener = listener;
        this.acceptor = acceptor;
        this.socket = socket;
        this.port = port;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    static ScriptedHttpServer unix(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new ScriptedHttpServer(server, () -> {
            SocketChannel channel = server.accept();
            // separate streams per direction: the channel's own stream pair would share one lock
            return new Peer(new BufferedInputStream(Channels.newInputStream(channel)), Channels.newOutputStream(channel), channel,
                    () -> {
                        try {
                            channel.shutdownOutput();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
        }, socket, 0);
    }

    static ScriptedHttpServer tcp() throws IOException {
        return tcp(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    static ScriptedHttpServer tls(SSLContext context) throws IOException {
        return tcp(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    private static ScriptedHttpServer tcp(ServerSocket server) {
        return new ScriptedHttpServer(server, () -> {
            Socket s = server.accept();
            return new Peer(new BufferedInputStream(s.getInputStream()), s.getOutputStream(), s, () -> {
                try {
                    s.shutdownOutput();
                } catch (IOException | UnsupportedOperationException ignored) {
                    // TLS sockets cannot half-close
                }
            });
        }, null, server.getLocalPort());
    }

    Path socket() {
        return socket;
    }

    int port() {
        return port;
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Peer peer = acceptor.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(peer));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Peer peer) {
        try (Closeable closer = peer.closer()) {
            while (true) {
                String requestLine = readLine(peer.in());
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new HashMap<>();
                for (String line = readLine(peer.in()); line != null && !line.isEmpty(); line = readLine(peer.in())) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                byte[] body = readBody(peer.in(), headers);
                requests.incrementAndGet();
                String path = requestLine.split(" ")[1];
                if (!respond(path, body, peer)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** Returns false when the connection must end after this response. */
    private boolean respond(String path, byte[] body, Peer peer) throws IOException, InterruptedException {
        OutputStream out = peer.out();
        switch (path) {
            case "/hello" -> fixed(out, 200, "hello", "");
            case "/empty" -> fixed(out, 204, "", "");
            case "/error" -> fixed(out, 404, "{\"message\":\"No such container: nope\"}", "Content-Type: application/json\r\n");
            case "/echo-body" -> fixed(out, 200, "got " + body.length + ":" + new String(body, StandardCharsets.UTF_8), "");
            case "/chunked" -> {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (String part : new String[] {"one\n", "two\n", "three\n"}) {
                    out.write((Integer.toHexString(part.length()) + ";ext=1\r\n" + part + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(50);
                }
                out.write("0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case "/endless" -> {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; !closed; i++) {
                    String part = "tick " + i + "\n";
                    out.write((Integer.toHexString(part.length()) + "\r\n" + part + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(20);
                }
            }
            case "/slow" -> {
                Thread.sleep(3000);
                fixed(out, 200, "late", "");
            }
            case "/close" -> {
                fixed(out, 200, "bye", "Connection: close\r\n");
                return false;
            }
            case "/drop-after" -> {
                // answers keep-alive, then drops the idle connection as a restarted engine would
                fixed(out, 200, "dropped later", "");
                Thread.sleep(50);
                return false;
            }
            case "/upgrade" -> {
                out.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] buffer = new byte[1024];
                int n;
                while ((n = peer.in().read(buffer)) > 0) {
                    out.write(new String(buffer, 0, n, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("EOF-SEEN".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                peer.shutdownOutput().run();
                return false;
            }
            default -> fixed(out, 404, "{\"message\":\"page not found\"}", "");
        }
        out.flush();
        return true;
    }

    private static void fixed(OutputStream out, int status, String body, String extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\n" + extraHeaders + (status == 204 ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in).trim(), 16);
                if (size == 0) {
                    readLine(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
