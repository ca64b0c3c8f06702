package dev.berth.compose;

import java.util.Objects;

/**
 * One finding about the compose files: what is wrong ({@code message}), where ({@code location}, and
 * the dotted {@code path} such as {@code services.web.ports.0}), a stable machine-readable
 * {@code code}, and optionally how to fix it ({@code hint}, may be null).
 */
public record Diagnostic(Severity severity, String code, String path, Location location, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        location = location == null ? Location.UNKNOWN : location;
        path = path == null ? "" : path;
    }

    public static Diagnostic error(String code, String path, Location location, String message) {
        return new Diagnostic(Severity.ERROR, code, path, location, message, null);
    }

    public static Diagnostic warning(String code, String path, Location location, String message) {
        return new Diagnostic(Severity.WARNING, code, path, location, message, null);
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, code, path, location, message, newHint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE:COL: error: message}, plus an indented hint line when there is one. */
    @Override
    public String toString() {
        String text = location + ": " + severity.label() + ": " + message;
        return hint == null ? text : text + "\n  hint: " + hint;
    }
}
