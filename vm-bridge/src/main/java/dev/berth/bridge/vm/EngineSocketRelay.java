package dev.berth.bridge.vm;

import dev.berth.engine.transport.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The engine socket on the host: a unix socket (0600, inside the instance's 0700 folder) whose every connection
 * is relayed, over mutual TLS with the instance's client certificate, to the guest dockerd's {@code --tlsverify}
 * port forwarded on 127.0.0.1. Clients (Berth, the docker CLI through the {@code berth-vm} context) speak plain
 * HTTP to the socket; only the holder of the instance's key reaches the engine, so another local user who finds
 * the forwarded port gets a TLS handshake failure. One virtual thread per direction; the TLS sessions are resumed
 * from one client context, so a new connection costs an abbreviated handshake.
 */
public final class EngineSocketRelay implements AutoCloseable {

    private final Path socket;
    private final int port;
    private final SSLSocketFactory tls;
    private final ServerSocketChannel server;
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;

    private EngineSocketRelay(Path socket, int port, SSLSocketFactory tls, ServerSocketChannel server) {
        this.socket = socket;
        this.port = port;
        this.tls = tls;
        this.server = server;
    }

    /** Binds the socket (replacing a stale one) and starts accepting on a virtual thread. */
    public static EngineSocketRelay start(Path socket, Path tlsDir, int port) throws IOException {
        SSLSocketFactory tls = TlsMaterial.fromCertPath(tlsDir, true);
        // Bound under a temporary name, narrowed to 0600, then renamed into place: the socket clients look for is never
        // wider than 0600, whatever the umask (bind gives 0777 & ~umask); the folder is 0700 besides (PrivatePaths).
        Path bound = socket.resolveSibling("." + socket.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(bound);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            InstanceCertificates.restrict(bound, "rw-------");
            Files.move(bound, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(bound);
            throw e;
        }
        EngineSocketRelay relay = new EngineSocketRelay(socket, port, tls, server);
        Thread.ofVirtual().name("relay-accept").start(relay::acceptLoop);
        return relay;
    }

    public long connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().name("relay-" + connections.get()).start(() -> relay(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("relay: accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void relay(SocketChannel client) {
        try (client; SSLSocket engine = (SSLSocket) tls.createSocket()) {
            engine.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            engine.setTcpNoDelay(true);
            engine.startHandshake();
            InputStream fromClient = Channels.newInputStream(client);
            OutputStream toClient = Channels.newOutputStream(client);
            Thread upstream = Thread.ofVirtual().start(() -> {
                try {
                    fromClient.transferTo(engine.getOutputStream());
                    engine.shutdownOutput(); // TLS 1.3 half-close: the client finished sending (e.g. an attach stream)
                } catch (IOException | UnsupportedOperationException e) {
                    closeQuietly(engine);
                }
            });
            try {
                engine.getInputStream().transferTo(toClient);
            } catch (IOException e) {
                // the engine or the client went away
            }
            closeQuietly(client);
            upstream.join();
        } catch (IOException e) {
            System.err.println("relay: cannot reach the guest engine on 127.0.0.1:" + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(socket);
    }
}
