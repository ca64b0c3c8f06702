package dev.berth.engine.api;

/** The TLS handshake or the certificate files failed. */
public class EngineTlsException extends EngineException {

    public EngineTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
