package dev.berth.app.cli;

/**
 * A user error the CLI reports as one message on stderr (no stack trace) with an exit code, like
 * {@code docker compose}: "no such service: web", a project that does not load, a bad flag value.
 */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
