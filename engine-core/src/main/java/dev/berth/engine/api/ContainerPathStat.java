package dev.berth.engine.api;

import java.time.Instant;

/**
 * What {@code HEAD /containers/{id}/archive?path=} says about a path, decoded from the base64 JSON of the
 * {@code X-Docker-Container-Path-Stat} header. {@code mode} is Go's {@code os.FileMode}: the permission bits
 * plus type bits high up (directory 1<<31, symlink 1<<27), not a POSIX st_mode.
 */
public record ContainerPathStat(String name, long size, long mode, Instant modified, String linkTarget) {

    static final long GO_DIRECTORY = 1L << 31;
    static final long GO_SYMLINK = 1L << 27;

    public boolean directory() {
        return (mode & GO_DIRECTORY) != 0;
    }

    public boolean symlink() {
        return (mode & GO_SYMLINK) != 0;
    }

    /** The permission bits (rwxrwxrwx plus setuid/setgid/sticky as POSIX numbers). */
    public int permissions() {
        return (int) (mode & 0777);
    }
}
