package dev.berth.bridge.discovery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Just enough of an engine on a unix socket for discovery tests: {@code /_ping}, {@code /version} and
 * {@code /libpod/_ping}, with the product, version and API it is told to claim.
 */
final class FakeEngine implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private final String versionJson;
    private final String apiVersion;
    private final boolean podman;

    private FakeEngine(Path socket, String product, String version, String apiVersion, boolean podman) throws IOException {
        this.socket = socket;
        this.apiVersion = apiVersion;
        this.podman = podman;
        this.versionJson = """
                {"Platform":{"Name":"%s"},"Components":[{"Name":"%s","Version":"%s"}],"Version":"%s","ApiVersion":"%s",
                 "MinAPIVersion":"1.24","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"}""".formatted(product, podman ? "Podman Engine" : "Engine", version, version, apiVersion);
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    static FakeEngine docker(Path socket) throws IOException {
        return new FakeEngine(socket, "", "27.3.1", "1.47", false);
    }

    static FakeEngine podman(Path socket) throws IOException {
        return new FakeEngine(socket, "linux/amd64/debian-12", "4.3.1", "1.41", true);
    }

    static FakeEngine ancient(Path socket) throws IOException {
        return new FakeEngine(socket, "", "19.03.15", "1.40", false);
    }

    Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread.ofVirtual().start(() -> serve(channel));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = Channels.newOutputStream(channel);
            String requestLine;
            while ((requestLine = readLine(in)) != null && !requestLine.isEmpty()) {
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    // headers are not needed
                }
                String path = requestLine.split(" ")[1];
                if (path.equals("/_ping")) {
                    reply(out, 200, "OK", "API-Version: " + apiVersion + "\r\nOSType: linux\r\n");
                } else if (path.equals("/version")) {
                    reply(out, 200, versionJson, "Content-Type: application/json\r\n");
                } else if (path.equals("/libpod/_ping") && podman) {
                    reply(out, 200, "OK", "");
                } else {
                    reply(out, 404, "{\"message\":\"page not found\"}", "");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void reply(OutputStream out, int status, String body, String headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c < 0 && line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
