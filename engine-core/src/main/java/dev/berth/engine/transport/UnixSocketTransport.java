package dev.berth.engine.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's unix socket through the JDK's own {@link UnixDomainSocketAddress} channels (no natives).
 * Reads and writes go straight to the channel rather than through {@code Channels.newInputStream}, whose
 * streams share the channel's blocking lock and would deadlock a hijacked stream read and written at once.
 */
public final class UnixSocketTransport implements Transport {

    private final Path socket;
    private final Duration readTimeout;

    public UnixSocketTransport(Path socket, Duration readTimeout) {
        this.socket = socket;
        this.readTimeout = readTimeout;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public Connection connect(Duration connectTimeout) throws IOException {
        // A unix connect either succeeds or fails at once; there is no network to wait for.
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new UnixConnection(channel, readTimeout);
    }

    @Override
    public String describe() {
        return "unix://" + socket;
    }

    private static final class UnixConnection extends GuardedConnection {
        private final SocketChannel channel;

        UnixConnection(SocketChannel channel, Duration readTimeout) {
            super(readTimeout);
            this.channel = channel;
        }

        @Override
        protected int rawRead(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
            int n;
            do {
                n = channel.read(target);
            } while (n == 0);
            return n;
        }

        @Override
        protected void rawWrite(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
            while (source.hasRemaining()) {
                channel.write(source);
            }
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        protected void rawClose() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
