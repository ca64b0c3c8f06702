package dev.berth.compose;

import java.nio.file.Path;

/**
 * A position in a compose file, 1-based like every editor shows it. {@code file} is null for text
 * that did not come from a file (e.g. a value taken from the command line).
 */
public record Location(Path file, int line, int column) {

    /** Used when nothing better is known; prints as the file alone. */
    public static Location ofFile(Path file) {
        return new Location(file, 0, 0);
    }

    public static final Location UNKNOWN = new Location(null, 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        String name = file == null ? "<input>" : file.toString();
        return line > 0 ? name + ":" + line + ":" + column : name;
    }
}
