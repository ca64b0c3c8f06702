package dev.berth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS-terminating TCP endpoint on 127.0.0.1 in front of the engine's unix socket, so a test can reach the
 * shared engine the way a remote {@code dockerd --tlsverify -H tcp://0.0.0.0:2376} is reached without
 * reconfiguring it. Requires a client certificate signed by the proxy's CA, as dockerd does with
 * {@code --tlsverify}. Bytes are piped unchanged in both directions, so HTTP upgrades (attach, exec) pass too.
 */
public final class TlsEngineProxy implements AutoCloseable {

    private final SSLServerSocket server;
    private final Path engineSocket;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<String> handshakeFailures = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TlsEngineProxy(SSLContext context, Path engineSocket) throws IOException {
        this.engineSocket = engineSocket;
        this.server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.server.setNeedClientAuth(true);
        this.acceptor = Thread.ofVirtual().name("tls-engine-proxy").start(this::acceptLoop);
    }

    /** Listens on an ephemeral 127.0.0.1 port with {@code context}, forwarding to {@code engineSocket}. */
    public static TlsEngineProxy start(SSLContext context, Path engineSocket) throws IOException {
        return new TlsEngineProxy(context, engineSocket);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:PORT}, a {@code DOCKER_HOST} value. */
    public String dockerHost() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Connections whose TLS handshake succeeded. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Why handshakes failed on the server side (e.g. the client sent no certificate). */
    public List<String> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                open.add(client);
                Thread.ofVirtual().name("tls-engine-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SSLSocket client) {
        try {
            client.startHandshake();
        } catch (IOException e) {
            handshakeFailures.add(e.getMessage());
            quietlyClose(client);
            return;
        }
        handshakes.incrementAndGet();
        try {
            SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
            open.add(engine);
            engine.connect(UnixDomainSocketAddress.of(engineSocket));
            // The channel itself, not Channels.newInputStream/newOutputStream: those may share one lock between
            // reading and writing, and this proxy reads and writes the same channel at once.
            InputStream fromEngine = new ChannelIn(engine);
            OutputStream toEngine = new ChannelOut(engine);
            InputStream fromClient = client.getInputStream();
            Thread upstream = Thread.ofVirtual().start(() -> {
                // client -> engine; the client's end of input is passed on as a half-close.
                pipe(fromClient, toEngine);
                try {
                    engine.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            });
            pipe(fromEngine, client.getOutputStream());
            // The engine finished its side: TLS has no half-close, so the whole connection ends.
            quietlyClose(client);
            quietlyClose(engine);
            upstream.join();
        } catch (IOException e) {
            quietlyClose(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class ChannelIn extends InputStream {
        private final SocketChannel channel;

        ChannelIn(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return channel.read(ByteBuffer.wrap(buffer, offset, length));
        }
    }

    private static final class ChannelOut extends OutputStream {
        private final SocketChannel channel;

        ChannelOut(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /** Copies until end of input; closes neither side (closing an SSLSocket's stream closes the socket). */
    private static void pipe(InputStream from, OutputStream to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // either side closed: the connection is over
        }
    }

    private static void quietlyClose(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        quietlyClose(server);
        open.forEach(TlsEngineProxy::quietlyClose);
        acceptor.interrupt();
    }
}
