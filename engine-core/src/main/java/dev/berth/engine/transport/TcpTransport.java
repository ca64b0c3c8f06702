package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** {@code tcp://host:port}, plain or TLS (when given an {@link SSLSocketFactory}, e.g. from {@link TlsMaterial}). */
public final class TcpTransport implements Transport {

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final boolean verifyHostname;
    private final Duration readTimeout;

    public TcpTransport(String host, int port, SSLSocketFactory tls, boolean verifyHostname, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.readTimeout = readTimeout;
    }

    @Override
    public Connection connect(Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
                if (verifyHostname) {
                    SSLParameters parameters = secure.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    secure.setSSLParameters(parameters);
                }
                // The handshake is part of connecting: bound it by the connect timeout.
                secure.setSoTimeout((int) Math.max(1, connectTimeout.toMillis()));
                secure.startHandshake();
                secure.setSoTimeout(0);
                socket = secure;
            }
            return new SocketConnection(socket, readTimeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return (tls != null ? "tcp+tls://" : "tcp://") + host + ":" + port;
    }

    private static final class SocketConnection extends GuardedConnection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketConnection(Socket socket, Duration readTimeout) throws IOException {
            super(readTimeout);
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        protected int rawRead(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        protected void rawWrite(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw peerAlertOr(e);
            }
        }

        @Override
        protected void rawFlush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw peerAlertOr(e);
            }
        }

        /**
         * With TLS 1.3 the server checks our client certificate after the handshake has completed on our
         * side, so its verdict (a {@code bad_certificate} alert) can arrive as a plain "broken pipe" on our
         * first write. Reading the pending alert turns that into the TLS error it really is.
         */
        private IOException peerAlertOr(IOException writeFailure) {
            if (!(socket instanceof SSLSocket) || writeFailure instanceof SSLException) {
                return writeFailure;
            }
            try {
                socket.setSoTimeout(500);
                in.read();
            } catch (SSLException alert) {
                alert.addSuppressed(writeFailure);
                return alert;
            } catch (IOException | RuntimeException ignored) {
                // No alert to read: the write failure stands.
            }
            return writeFailure;
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (socket instanceof SSLSocket) {
                // TLS has no portable half-close: closing the write side would end the session.
                return;
            }
            socket.shutdownOutput();
        }

        @Override
        protected void rawClose() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
