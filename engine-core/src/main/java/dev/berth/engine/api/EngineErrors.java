package dev.berth.engine.api;

import dev.berth.engine.transport.SshException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns transport-level failures into the typed exceptions with sentences a user can act on. */
public final class EngineErrors {

    private EngineErrors() {}

    public static EngineException translate(IOException e, String endpoint) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = detail.toLowerCase(Locale.ROOT);
        if (e instanceof SshException ssh) {
            return ssh(ssh, endpoint);
        }
        if (e instanceof SSLException || causedBy(e, SSLException.class)) {
            return tls(e, endpoint, detail);
        }
        if (e instanceof SocketTimeoutException || lower.contains("timed out")) {
            return new EngineTimeoutException("The engine at " + endpoint + " did not answer in time (" + detail + ").", e);
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new EnginePermissionException(endpoint, e);
        }
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException || lower.contains("no such file")) {
            return missingSocket(endpoint, e);
        }
        if (e instanceof ConnectException || lower.contains("connection refused")) {
            return refused(endpoint, e);
        }
        if (e instanceof UnknownHostException) {
            return new EngineConnectionException("Unknown host in " + endpoint + ": " + detail + ".", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new EngineConnectionException("No route to " + endpoint + ".", e);
        }
        // A reset or a cut-off stream: what an engine that was killed or restarted mid-request leaves behind.
        String cause = detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
        return new EngineConnectionException("Lost the connection to the engine at " + endpoint + " (" + cause + "): it stopped or"
                + " restarted; run the command again once it is back (sudo systemctl status docker).", e);
    }

    /** What to do when no engine is where the user pointed: the same clause ends every connection sentence. */
    static final String POINT_ELSEWHERE = "point DOCKER_HOST or --context at the engine you mean";

    /** The socket file is not there: the engine is not running, or it listens somewhere else. */
    public static EngineConnectionException missingSocket(String endpoint, Throwable cause) {
        return new EngineConnectionException("No engine socket at " + endpoint + " (the file does not exist): start the engine"
                + " (sudo systemctl start docker), or " + POINT_ELSEWHERE + ".", cause);
    }

    /**
     * A connect that was refused. On a unix socket the file says why: a regular file or a directory where the
     * socket should be (no engine can ever listen there), or a socket left behind by an engine that stopped.
     */
    static EngineConnectionException refused(String endpoint, Throwable cause) {
        Path socket = unixSocketPath(endpoint);
        if (socket == null) {
            return new EngineConnectionException("The engine at " + endpoint + " refused the connection: start it, or " + POINT_ELSEWHERE + ".", cause);
        }
        EngineConnectionException notSocket = notASocket(endpoint, socket, cause);
        if (notSocket != null) {
            return notSocket;
        }
        return new EngineConnectionException("Nothing accepts connections on " + endpoint + " (an engine that stopped left its socket"
                + " behind): start the engine (sudo systemctl start docker), or " + POINT_ELSEWHERE + ".", cause);
    }

    /** A unix endpoint whose file exists but is not a socket, or null when it is one (or is missing). */
    public static EngineConnectionException notASocket(String endpoint, Path socket, Throwable cause) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, BasicFileAttributes.class);
        } catch (IOException unreadable) {
            return null;
        }
        if (attributes.isOther()) {
            return null; // sockets, like fifos and devices, are "other" to java.nio
        }
        String what = attributes.isDirectory() ? "a directory" : "a regular file";
        return new EngineConnectionException(endpoint + " is " + what + ", not a socket, so no engine can listen there: remove it"
                + " and restart the engine (sudo systemctl restart docker), or " + POINT_ELSEWHERE + ".", cause);
    }

    /** The socket file of a {@code unix://} endpoint, or null for any other kind. */
    private static Path unixSocketPath(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("unix://")) {
            return null;
        }
        try {
            return Path.of(endpoint.substring("unix://".length()));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** ssh's own words, with what to do; never the socket-permission advice (ssh's "Permission denied" is a login). */
    private static EngineConnectionException ssh(SshException e, String endpoint) {
        String said = e.stderr().isEmpty() ? "no message" : e.stderr();
        if (e.isSshFailure()) {
            return new EngineConnectionException("ssh could not connect or log in for " + endpoint + ": " + said
                    + ". Berth runs ssh without prompting (BatchMode): make 'ssh " + sshTarget(endpoint)
                    + "' work without a password (a key in ssh-agent or ~/.ssh/config) and the host key known.", e);
        }
        if (e.isDockerMissing()) {
            return new EngineConnectionException("ssh reached " + endpoint + ", but the remote side has no docker CLI on its PATH ("
                    + said + "). Berth runs 'docker system dial-stdio' there: install the docker CLI (Docker 18.09+) on that host.", e);
        }
        return new EngineConnectionException("'docker system dial-stdio' on " + endpoint + " failed (exit " + e.exitCode() + "): "
                + said + ". Is the engine running on that host, and may the ssh user use it?", e);
    }

    /** {@code ssh://user@host:2222} as the ssh command line a user would try: {@code -p 2222 user@host}. */
    private static String sshTarget(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            String who = (uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@") + uri.getHost();
            return uri.getPort() > 0 ? "-p " + uri.getPort() + " " + who : who;
        } catch (IllegalArgumentException e) {
            return endpoint;
        }
    }

    /** TLS failures in the words of what to change: which file, which variable. */
    private static EngineTlsException tls(IOException e, String endpoint, String detail) {
        String lower = detail.toLowerCase(Locale.ROOT);
        if (causedBy(e, CertPathValidatorException.class) || causedBy(e, CertPathBuilderException.class)
                || lower.contains("pkix path") || lower.contains("unable to find valid certification path")) {
            return new EngineTlsException("The engine at " + endpoint + " presented a certificate that ca.pem in DOCKER_CERT_PATH"
                    + " did not sign, so Berth cannot trust it. Put the engine's CA certificate in ca.pem, or unset"
                    + " DOCKER_TLS_VERIFY to connect without checking (like docker --tls).", e);
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return new EngineTlsException("The engine at " + endpoint + " presented a certificate issued for another host name ("
                    + detail + "). Connect with the name the certificate was issued for, or re-issue it with this one.", e);
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate") || lower.contains("unknown_ca")
                || lower.contains("certificate_unknown") || lower.contains("access_denied")) {
            return new EngineTlsException("The engine at " + endpoint + " refused Berth's client certificate (" + detail
                    + "). Use a cert.pem/key.pem in DOCKER_CERT_PATH signed by the CA the engine trusts (its --tlscacert).", e);
        }
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")
                || lower.contains("unsupported or unrecognized")) {
            return new EngineTlsException("The engine at " + endpoint + " does not speak TLS on this port. Unset DOCKER_TLS_VERIFY"
                    + " and DOCKER_TLS for a plain endpoint (usually port 2375), or use the engine's TLS port (usually 2376).", e);
        }
        return new EngineTlsException("The TLS connection to " + endpoint + " failed: " + detail
                + ". Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY.", e);
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
