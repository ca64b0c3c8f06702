package dev.berth.engine.transport;

import java.io.IOException;

/**
 * {@code ssh … docker system dial-stdio} ended with an error before the engine answered: ssh itself could not
 * connect or log in (exit 255), the remote side has no {@code docker} (127), or the remote CLI failed.
 * Carries ssh's own stderr, which names the actual cause better than any guess.
 */
public final class SshException extends IOException {

    private final String target;
    private final int exitCode;
    private final String stderr;

    public SshException(String target, int exitCode, String stderr) {
        super("ssh exited with " + exitCode + (stderr.isEmpty() ? "" : ": " + stderr));
        this.target = target;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** The endpoint, e.g. {@code ssh://user@host:22}. */
    public String target() {
        return target;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The tail of ssh's stderr (ssh's messages and the remote command's). */
    public String stderr() {
        return stderr;
    }

    /** ssh's own failure (no connection, host key, authentication), as opposed to the remote command's. */
    public boolean isSshFailure() {
        return exitCode == 255;
    }

    /** The remote shell did not find {@code docker}. */
    public boolean isDockerMissing() {
        return exitCode == 127 || stderr.contains("command not found") || stderr.contains("docker: not found");
    }
}
