package dev.berth.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unix socket in front of the engine's that passes bytes through unchanged and counts the HTTP requests
 * the client sends, by method and path ({@code GET /v1.41/containers/json}): a test points the app at it to
 * measure how many engine calls a scenario costs (fault 6: how many listings a crash loop causes). The
 * request lines are read off the client's byte stream; a body that happened to contain one would be counted
 * too, which the engine's JSON and tar bodies do not. Upgraded connections (attach, exec) pass unparsed bytes.
 */
public final class CountingEngineProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|POST|PUT|DELETE|HEAD) (\\S+) HTTP/1\\.[01]$");

    private final ServerSocketChannel server;
    private final Path socket;
    private final Path engineSocket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicLong> byRequest = new ConcurrentHashMap<>();

    private CountingEngineProxy(Path socket, Path engineSocket) throws IOException {
        this.socket = socket;
        this.engineSocket = engineSocket;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().name("counting-engine-proxy").start(this::acceptLoop);
    }

    /** Listens on {@code socket} (a path that must not be in use), forwarding to {@code engineSocket}. */
    public static CountingEngineProxy start(Path socket, Path engineSocket) throws IOException {
        return new CountingEngineProxy(socket, engineSocket);
    }

    /** {@code unix://…}: a {@code DOCKER_HOST} value. */
    public String host() {
        return "unix://" + socket;
    }

    /**
     * Requests counted so far whose path, without the API version prefix and the query, matches: for example
     * {@code p -> p.equals("/containers/json")} for listings.
     */
    public long count(String method, Predicate<String> path) {
        return byRequest.entrySet().stream().filter(e -> {
            String[] parts = e.getKey().split(" ", 2);
            return parts[0].equals(method) && path.test(parts[1]);
        }).mapToLong(e -> e.getValue().get()).sum();
    }

    /** Every counted request as {@code METHOD /path} (version and query dropped) with its count. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        byRequest.forEach((key, value) -> copy.put(key, value.get()));
        return copy;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(engineSocket));
                open.add(client);
                open.add(engine);
                Thread.ofVirtual().name("counting-engine-proxy-up").start(() -> pipe(client, engine, true));
                Thread.ofVirtual().name("counting-engine-proxy-down").start(() -> pipe(engine, client, false));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void pipe(SocketChannel from, SocketChannel to, boolean countRequests) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = new StringBuilder();
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (countRequests) {
                    scan(buffer, line);
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // one side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Feeds the bytes to the line splitter; request lines are short, so a long line (a body) is cut off. */
    private void scan(ByteBuffer bytes, StringBuilder line) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            char c = (char) (bytes.get(i) & 0xff);
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                Matcher matcher = REQUEST_LINE.matcher(line.substring(0, end));
                if (matcher.matches()) {
                    byRequest.computeIfAbsent(matcher.group(1) + " " + normalise(matcher.group(2)), key -> new AtomicLong()).incrementAndGet();
                }
                line.setLength(0);
            } else if (line.length() < 4096) {
                line.append(c);
            }
        }
    }

    /** {@code /v1.41/containers/abc/json?size=false} → {@code /containers/abc/json}. */
    private static String normalise(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        path = new String(path.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return path.replaceFirst("^/v\\d+\\.\\d+/", "/");
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(CountingEngineProxy::closeQuietly);
        Files.deleteIfExists(socket);
    }
}
