package dev.berth.engine.api;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns transport-level failures into the typed exceptions with sentences a user can act on. */
public final class EngineErrors {

    private EngineErrors() {}

    public static EngineException translate(IOException e, String endpoint) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = detail.toLowerCase(Locale.ROOT);
        if (e instanceof SSLException || causedBy(e, SSLException.class)) {
            return new EngineTlsException("The TLS connection to " + endpoint + " failed: " + detail
                    + ". Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY.", e);
        }
        if (e instanceof SocketTimeoutException || lower.contains("timed out")) {
            return new EngineTimeoutException("The engine at " + endpoint + " did not answer in time (" + detail + ").", e);
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new EnginePermissionException(endpoint, e);
        }
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException || lower.contains("no such file")) {
            return new EngineConnectionException("No engine socket at " + endpoint + ": the file does not exist.", e);
        }
        if (e instanceof ConnectException || lower.contains("connection refused")) {
            return new EngineConnectionException("The engine at " + endpoint + " refused the connection: is it running?", e);
        }
        if (e instanceof UnknownHostException) {
            return new EngineConnectionException("Unknown host in " + endpoint + ": " + detail + ".", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new EngineConnectionException("No route to " + endpoint + ".", e);
        }
        return new EngineConnectionException("Lost the connection to the engine at " + endpoint + ": " + detail + ".", e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
