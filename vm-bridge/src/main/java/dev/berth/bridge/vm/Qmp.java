package dev.berth.bridge.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal QMP client (QEMU's JSON monitor on a unix socket): the greeting, {@code qmp_capabilities}, then
 * one command at a time; events that arrive in between are skipped. Every read is bounded by a deadline, so a
 * wedged QEMU cannot hang Berth.
 */
public final class Qmp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final Duration timeout;

    private Qmp(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        this.timeout = timeout;
    }

    public static Qmp connect(Path socket, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Qmp qmp = new Qmp(channel, timeout);
            JsonNode greeting = qmp.readLine();
            if (!greeting.has("QMP")) {
                throw new IOException("not a QMP greeting: " + greeting);
            }
            qmp.execute("qmp_capabilities");
            return qmp;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public JsonNode execute(String command) throws IOException {
        return execute(command, Map.of());
    }

    public JsonNode execute(String command, Map<String, Object> arguments) throws IOException {
        Map<String, Object> request = arguments.isEmpty() ? Map.of("execute", command) : Map.of("execute", command, "arguments", arguments);
        out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            JsonNode reply = readLine();
            if (reply.has("return")) {
                return reply.get("return");
            }
            if (reply.has("error")) {
                throw new IOException("QMP " + command + ": " + reply.get("error").path("desc").asString());
            }
            // an asynchronous event: skip it
        }
    }

    /** {@code query-status}: "running", "paused", "shutdown", … */
    public String status() throws IOException {
        return execute("query-status").path("status").asString("unknown");
    }

    private JsonNode readLine() throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        try {
            String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new IOException("QMP closed the connection");
            }
            return JSON.readTree(text);
        } catch (TimeoutException e) {
            channel.close();
            throw new IOException("QMP did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
