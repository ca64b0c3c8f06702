package dev.berth.compose;

/** How bad a {@link Diagnostic} is: errors stop the project from loading, warnings do not. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
