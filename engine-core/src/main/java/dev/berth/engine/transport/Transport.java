package dev.berth.engine.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * A way to open a fresh byte stream to the engine: a unix socket, a TCP (optionally TLS) socket, or an
 * {@code ssh … docker system dial-stdio} process. HTTP is spoken on top by {@link HttpClient}; a transport
 * knows nothing about HTTP.
 */
public interface Transport {

    /** Opens a new connection; fails within {@code connectTimeout} when the engine does not answer. */
    Connection connect(Duration connectTimeout) throws IOException;

    /** A short human description, e.g. {@code unix:///var/run/docker.sock}. */
    String describe();
}
