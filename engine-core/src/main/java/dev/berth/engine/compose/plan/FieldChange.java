package dev.berth.engine.compose.plan;

/**
 * One changed field of a service configuration, by its dotted path: {@code environment.FOO: a → b}.
 * {@code before} is null when the field is new, {@code after} is null when it was removed.
 */
public record FieldChange(String path, String before, String after) {

    public String describe() {
        if (before == null) {
            return path + " added (" + after + ")";
        }
        if (after == null) {
            return path + " removed (was " + before + ")";
        }
        return path + " " + before + " → " + after;
    }
}
