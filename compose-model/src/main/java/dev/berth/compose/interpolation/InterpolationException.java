package dev.berth.compose.interpolation;

/** A template that cannot be expanded: malformed syntax, or a required variable without a value. */
public final class InterpolationException extends Exception {

    public enum Kind { INVALID_FORMAT, REQUIRED_MISSING }

    private final Kind kind;
    private final String variable;

    InterpolationException(Kind kind, String variable, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.variable = variable;
    }

    public Kind kind() {
        return kind;
    }

    /** The variable named by a {@code ${VAR:?msg}} that failed; null for format errors. */
    public String variable() {
        return variable;
    }
}
