package dev.berth.app.gui.editor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Saves so that a crash or a full disk never leaves half a compose file: the text goes to a temporary
 * file beside the target, is flushed to disk, then moved over the target in one step. The target's
 * permissions are kept.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    private static String tempPrefix(String name) {
        return "." + name + ".";
    }

    /** Temp files of earlier saves of {@code name} whose process died before it could move or delete them. */
    static void removeLeftovers(Path dir, String name) {
        String prefix = tempPrefix(name);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, path -> {
            String file = path.getFileName().toString();
            return file.startsWith(prefix) && file.endsWith(".tmp");
        })) {
            for (Path temp : temps) {
                String rest = temp.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a save under way in a live process
                }
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // Tidying is best effort: the save itself must not fail for it.
        }
    }

    public static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        removeLeftovers(dir, target.getFileName().toString());
        // The writer's pid in the name: a save killed mid-way (kill -9, power cut) leaves its temp file behind,
        // and the next save removes the ones whose process is gone (EditorKilledTest).
        Path temp = Files.createTempFile(dir, tempPrefix(target.getFileName().toString()) + ProcessHandle.current().pid() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the default permissions will do.
                }
            } else {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // idem
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
