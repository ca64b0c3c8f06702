package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The user's own folders and sockets (docs/RELIABILITY.md, fault 11). A folder is made 0700 by {@code mkdir}
 * itself, never made with the umask's mode and narrowed afterwards (another user could open it in between); one
 * that exists already is narrowed. Sockets inside such a folder are reachable by nobody else from the moment they
 * are bound, and are then narrowed to 0600 as well, so a folder moved or opened up later does not open them.
 */
public final class PrivatePaths {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivatePaths() {}

    /** {@code dir} and any missing parents, each created 0700; an existing {@code dir} is set to 0700. */
    public static Path folder(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        // mkdir's mode is masked by the umask, never widened by it: 0700 at most from the start; this fixes an old folder
        Files.setPosixFilePermissions(dir, FOLDER);
        return dir;
    }

    /** A socket or file someone else made (QEMU, virtiofsd): 0600 once it exists. */
    public static void ownerOnly(Path path) throws IOException {
        if (posix(path) && Files.exists(path)) {
            Files.setPosixFilePermissions(path, FILE);
        }
    }

    static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
