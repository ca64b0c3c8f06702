package dev.berth.app.resources;

import java.time.Instant;

/**
 * One file, directory or link inside a volume, as read from the archive API's tar stream.
 *
 * @param path relative to the volume's root, with {@code /} separators and no leading slash ({@code conf/app.ini})
 * @param linkTarget where a symbolic or hard link points, or null
 */
public record VolumeEntry(String path, Type type, long size, int mode, Instant modified, String linkTarget) {

    public enum Type { DIRECTORY, FILE, LINK, OTHER }

    /** The last path segment. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The parent's path, {@code ""} for entries at the volume's root. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }
}
