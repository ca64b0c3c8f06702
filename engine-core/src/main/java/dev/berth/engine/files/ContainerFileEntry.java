package dev.berth.engine.files;

import java.time.Instant;

/** One child of a container directory as the archive API lists it; {@code path} is absolute in the container. */
public record ContainerFileEntry(String path, String name, Type type, long size, int mode, Instant modified, String linkTarget) {

    public enum Type { DIRECTORY, FILE, LINK, OTHER }

    public boolean directory() {
        return type == Type.DIRECTORY;
    }
}
