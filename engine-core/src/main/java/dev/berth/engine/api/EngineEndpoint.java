package dev.berth.engine.api;

import dev.berth.engine.transport.SshTransport;
import dev.berth.engine.transport.TcpTransport;
import dev.berth.engine.transport.TlsMaterial;
import dev.berth.engine.transport.Transport;
import dev.berth.engine.transport.UnixSocketTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Where an engine listens, in the forms {@code DOCKER_HOST} accepts: unix, tcp (optionally TLS) and ssh. */
public sealed interface EngineEndpoint {

    /** The endpoint as a {@code DOCKER_HOST}-style URI, e.g. {@code unix:///var/run/docker.sock}. */
    String uri();

    /** Creates the transport that opens connections to this endpoint. */
    Transport transport(Duration readTimeout) throws IOException;

    record Unix(Path socket) implements EngineEndpoint {
        @Override
        public String uri() {
            return "unix://" + socket;
        }

        @Override
        public Transport transport(Duration readTimeout) {
            return new UnixSocketTransport(socket, readTimeout);
        }
    }

    /** TCP; {@code tls} is null for plain HTTP. */
    record Tcp(String host, int port, TlsSettings tls) implements EngineEndpoint {
        @Override
        public String uri() {
            return "tcp://" + host + ":" + port;
        }

        @Override
        public Transport transport(Duration readTimeout) throws IOException {
            if (tls == null) {
                return new TcpTransport(host, port, null, false, readTimeout);
            }
            return new TcpTransport(host, port, TlsMaterial.fromCertPath(tls.certPath(), tls.verify()), tls.verify(), readTimeout);
        }
    }

    /** SSH; {@code sshOptions} are extra ssh arguments (an identity file, known-hosts settings...). */
    record Ssh(String user, String host, int port, List<String> sshOptions) implements EngineEndpoint {
        public Ssh {
            sshOptions = List.copyOf(sshOptions);
        }

        @Override
        public String uri() {
            return "ssh://" + (user == null ? "" : user + "@") + host + (port > 0 ? ":" + port : "");
        }

        @Override
        public Transport transport(Duration readTimeout) {
            return new SshTransport(user, host, port, sshOptions, readTimeout);
        }
    }

    /** The TLS files ({@code DOCKER_CERT_PATH}) and whether to verify the engine ({@code DOCKER_TLS_VERIFY}). */
    record TlsSettings(Path certPath, boolean verify) {}

    /**
     * Parses a {@code DOCKER_HOST} value. {@code tls} applies to tcp endpoints (null: plain). A tcp endpoint
     * without a port gets 2376 with TLS and 2375 without, like the docker CLI.
     */
    static EngineEndpoint parse(String host, TlsSettings tls) {
        String value = host.trim();
        if (value.startsWith("unix://")) {
            String path = value.substring("unix://".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' names no socket path");
            }
            return new Unix(Path.of(path));
        }
        if (value.startsWith("/")) {
            return new Unix(Path.of(value));
        }
        if (value.startsWith("tcp://") || value.startsWith("http://") || value.startsWith("https://")) {
            URI uri = URI.create(value.replaceFirst("^(tcp|http|https)://", "tcp://"));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("'" + host + "' names no host");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : (tls != null ? 2376 : 2375);
            return new Tcp(uri.getHost(), port, tls);
        }
        if (value.startsWith("ssh://")) {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("'" + host + "' names no host");
            }
            return new Ssh(uri.getUserInfo(), uri.getHost(), uri.getPort(), List.of());
        }
        throw new IllegalArgumentException("unsupported engine address '" + host
                + "': use unix:///path/to.sock, tcp://host:port or ssh://user@host");
    }
}
