package dev.berth.compose.interpolation;

/** A line of a {@code .env} file that cannot be read; {@link #line()} is 1-based. */
public final class DotEnvException extends Exception {

    private final int line;
    private final int column;

    DotEnvException(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
